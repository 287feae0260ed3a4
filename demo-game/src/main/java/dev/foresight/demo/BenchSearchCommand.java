package dev.foresight.demo;

import dev.foresight.algorithm.Environments;
import dev.foresight.env.Environment;
import dev.foresight.env.grid.Mazes;
import dev.foresight.onnx.OnnxDynamicsModel;
import dev.foresight.search.EnsembleSearchModel;
import dev.foresight.search.GridSearchModel;
import dev.foresight.search.LeafEvaluator;
import dev.foresight.search.Mcts;
import dev.foresight.search.MctsSettings;
import dev.foresight.search.RandomRollouts;
import dev.foresight.search.SearchModel;
import dev.foresight.util.Medians;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * MCTS throughput: simulations per second from a fixed root, one thread, for the grid world's table
 * model and for an ONNX ensemble (the shipped cart-pole model searched over the forces −1, 0, +1),
 * at several numbers of leaves in
 * flight — each simulation expands one leaf and values it by random rollouts, all the batch's
 * leaves in one model call per step. Medians of timed searches.
 */
@Command(name = "bench-search", mixinStandardHelpOptions = true,
        description = {"Benchmark MCTS simulations per second (table model and ONNX ensemble) against the number of leaves",
                "in flight. Last line: table_sims_per_s=X onnx_sims_per_s=Y (8 leaves in flight)"})
final class BenchSearchCommand implements Runnable {
    @Option(names = "--model", defaultValue = "models/cartpole.onnx", description = "The ensemble to search in (its"
            + " throughput is what is measured; default: ${DEFAULT-VALUE}).")
    Path model;

    @Option(names = "--rollout-depth", defaultValue = "20", description = "Steps per leaf rollout (default: ${DEFAULT-VALUE}).")
    int rolloutDepth;

    @Option(names = "--rollouts-per-leaf", defaultValue = "16", description = "Rollouts per leaf (default: ${DEFAULT-VALUE}).")
    int perLeaf;

    @Option(names = "--repeats", defaultValue = "5", description = "Timed searches per setting (default: ${DEFAULT-VALUE}).")
    int repeats;

    @Option(names = "--batches", split = ",", defaultValue = "1,8,32,128", description = "Leaves in flight to measure"
            + " (default: ${DEFAULT-VALUE}).")
    List<Integer> batches;

    @Override
    public void run() {
        System.out.printf(Locale.ROOT, "# MCTS from a fixed root, UCT, rollouts %d steps x %d per leaf; simulations per"
                + " second (median of %d searches)%n", rolloutDepth, perLeaf, repeats);
        double table = 0;
        double onnx = 0;
        SearchModel grid = new GridSearchModel(Mazes.dynaMaze());
        float[] mazeStart = {Mazes.dynaMaze().start()};
        for (int batch : batches) {
            double rate = measure(grid, mazeStart, batch, 20_000);
            System.out.printf(Locale.ROOT, "table model (dyna-maze)  leaves_in_flight=%-4d sims_per_s=%.0f%n", batch, rate);
            table = batch == 8 ? rate : table;
        }
        try (Environment cartpole = Environments.create("cartpole");
             OnnxDynamicsModel ensemble = new OnnxDynamicsModel(model)) {
            ensemble.requireCompatible(cartpole.spec());
            float[] start = cartpole.reset(1);
            for (int batch : batches) {
                EnsembleSearchModel searchModel = new EnsembleSearchModel(ensemble, cartpole.spec(), new float[] {-1f, 0f, 1f},
                        batch * perLeaf, 1);
                double rate = measure(searchModel, start, batch, 400);
                System.out.printf(Locale.ROOT, "onnx ensemble (%s)  leaves_in_flight=%-4d sims_per_s=%.0f%n",
                        model.getFileName(), batch, rate);
                onnx = batch == 8 ? rate : onnx;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load " + model + ": " + e.getMessage(), e);
        }
        System.out.printf(Locale.ROOT, "table_sims_per_s=%.0f onnx_sims_per_s=%.0f%n", table, onnx);
    }

    private double measure(SearchModel searchModel, float[] root, int batch, int simulations) {
        LeafEvaluator rollouts = new RandomRollouts(searchModel, rolloutDepth, perLeaf, 0.95f, 2);
        MctsSettings settings = new MctsSettings(simulations, batch, 0.95f, 1f, false, 1);
        new Mcts(searchModel, rollouts, null, settings).search(root); // warm-up
        List<Double> rates = new ArrayList<>();
        for (int k = 0; k < repeats; k++) {
            Mcts mcts = new Mcts(searchModel, rollouts, null, settings.withSeed(k));
            long start = System.nanoTime();
            mcts.search(root);
            rates.add(simulations / ((System.nanoTime() - start) / 1e9));
        }
        return Medians.of(rates);
    }
}
