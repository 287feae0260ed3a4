package dev.foresight.model.latent;

/**
 * MuZero's invertible value transform (Pohlen et al. 2018, used in MuZero's appendix F):
 * {@code h(x) = sign(x)(√(|x| + 1) − 1) + εx}, ε = 0.001. The value and reward heads predict
 * {@code h} of the return (scalar heads, trained with a squared error in the transformed space),
 * so that a return of 200 and one of 0.5 give gradients of similar size; {@link #inverse} turns a
 * prediction back into a return. (MuZero's Atari heads are categorical over a support of this
 * transform; on Foresight's tasks, whose returns stay below a few hundred, a scalar head is one
 * output instead of 601 and a softmax per node, and learns as well.)
 */
public final class ValueTransform {
    /** ε of the transform. */
    public static final float EPSILON = 0.001f;

    private ValueTransform() {
    }

    /** @return {@code h(x)} */
    public static float forward(float x) {
        return (float) (Math.signum(x) * (Math.sqrt(Math.abs(x) + 1.0) - 1.0) + EPSILON * x);
    }

    /**
     * {@code h⁻¹(y) = sign(y)(u² − 1)} with {@code u = (√(1 + 4ε(|y| + 1 + ε)) − 1)/(2ε)}, computed
     * as {@code u = 2(|y| + 1 + ε)/(√(1 + 4ε(|y| + 1 + ε)) + 1)} (the same value without the
     * cancellation that costs float32 four digits; the exported graphs compute it so too).
     *
     * @return {@code h⁻¹(y)}
     */
    public static float inverse(float y) {
        float c = Math.abs(y) + 1f + EPSILON;
        float u = 2f * c / ((float) Math.sqrt(1f + 4f * EPSILON * c) + 1f);
        return Math.signum(y) * (u * u - 1f);
    }
}
