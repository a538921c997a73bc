# Sourced by scripts/setup and scripts/test: install the Debian packages in "$@" with apt-get
# (through sudo when not root). Nothing happens when the list is empty.
install_debian_packages() {
  [ "$#" -gt 0 ] || return 0
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "Installing Debian packages: $*"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

# What building the project itself needs: PyICU (duplicate detection's confusables skeleton)
# compiles against ICU.
build_packages() {
  pkg-config --exists icu-i18n 2>/dev/null || echo libicu-dev
  command -v pkg-config >/dev/null 2>&1 || echo pkg-config
  command -v g++ >/dev/null 2>&1 || echo g++
}
