# System packages for ./run and ./test, in one place. Source it (bash); it defines functions only.
#
#   ensure_jdk                 a JDK 17 or newer (java and javac), else installs openjdk-17-jdk-headless
#   ensure_packages PKG...     the Debian packages PKG that are not installed yet (dpkg -s)
#
# Missing packages are installed with apt-get (apt-get update first), through sudo when not root,
# after one line saying what is installed. Without apt-get, or as a user without sudo, they print
# exactly what to install and exit 1. FORESIGHT_DRY_RUN=1 says what would be installed, and exits 1
# when something is missing, without installing anything.

JDK_PACKAGE=openjdk-17-jdk-headless
# What the tests need: Debian's independent ONNX checker, and a virtual display with Mesa for the
# game's window tests.
TEST_PACKAGES=(python3-onnx python3-numpy xvfb xauth libgl1-mesa-dri libglx-mesa0 libgl1)

# missing_packages PKG...: prints the packages that dpkg does not have installed, one a line.
missing_packages() {
  local p
  for p in "$@"; do
    dpkg -s "$p" 2>/dev/null | grep -q '^Status: install ok installed$' || printf '%s\n' "$p"
  done
}

# jdk_major: the major version of the JDK that mvnw and java -jar will use (JAVA_HOME first, as
# mvnw does), or nothing when there is no java or no javac.
jdk_major() {
  local bin=""
  [ -n "${JAVA_HOME-}" ] && bin="$JAVA_HOME/bin/"
  command -v "${bin}java" >/dev/null 2>&1 && command -v "${bin}javac" >/dev/null 2>&1 || return 0
  # "javac 17.0.9" (or "javac 1.8.0_392" for the old scheme, major 1)
  "${bin}javac" -version 2>&1 | sed -n 's/^javac \([0-9]*\).*/\1/p'
}

# install_packages PKG...: one line saying what, then apt-get update and apt-get install.
install_packages() {
  local sudo=() who=""
  if [ "$(id -u)" != 0 ]; then
    if ! command -v sudo >/dev/null 2>&1; then
      echo "Missing Debian packages: $*. Run as root: apt-get update && apt-get install -y --no-install-recommends $*" >&2
      exit 1
    fi
    sudo=(sudo) who=" (needs sudo)"
  fi
  if [ "${FORESIGHT_DRY_RUN-}" = 1 ]; then
    echo "Would install $* with apt-get$who (FORESIGHT_DRY_RUN=1: nothing installed)." >&2
    exit 1
  fi
  echo "Installing $* with apt-get$who…" >&2
  ${sudo[@]+"${sudo[@]}"} env DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
  ${sudo[@]+"${sudo[@]}"} env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

ensure_jdk() {
  local major
  major=$(jdk_major)
  [ -n "$major" ] && [ "$major" -ge 17 ] && return 0
  local found="no JDK (java and javac) found"
  [ -n "$major" ] && found="the JDK is version $major"
  if ! command -v apt-get >/dev/null 2>&1 || ! command -v dpkg >/dev/null 2>&1; then
    echo "Foresight needs a JDK 17 or newer ($found): install one (on Debian/Ubuntu: $JDK_PACKAGE) and put java and javac on the PATH, or set JAVA_HOME." >&2
    exit 1
  fi
  install_packages "$JDK_PACKAGE"
  major=$(jdk_major)
  if [ -z "$major" ] || [ "$major" -lt 17 ]; then
    echo "Installed $JDK_PACKAGE, but java/javac${JAVA_HOME:+ in JAVA_HOME=$JAVA_HOME} is still ${major:-missing}: select JDK 17 (sudo update-alternatives --config java; the same for javac) or set JAVA_HOME=/usr/lib/jvm/java-17-openjdk-$(dpkg --print-architecture)." >&2
    exit 1
  fi
}

ensure_packages() {
  if ! command -v apt-get >/dev/null 2>&1 || ! command -v dpkg >/dev/null 2>&1; then
    echo "No apt-get here: install the equivalents of the Debian packages $* yourself, then run this again." >&2
    exit 1
  fi
  local missing
  missing=$(missing_packages "$@")
  [ -z "$missing" ] && return 0
  # shellcheck disable=SC2086  # one package a word
  install_packages $missing
}
