# Locates and checks the toolchain that builds the kernel; meant to be sourced (bash).
# Exports CARGO, RUSTC and, for the Debian toolchain, RUSTC_BOOTSTRAP=1; sets TOOLCHAIN_DESC.
#
# Pinned toolchain: Debian 12's rustc-web / cargo-web / rust-web-src, Rust 1.96.0, whose
# library/vendor directory is the offline source replacement named in .cargo/config.toml.
# Preferred when present: a rustup toolchain that already has the riscv64gc-unknown-none-elf
# target installed (precompiled core/alloc, no build-std; [unstable] is ignored on stable cargo).
# Override: RIVET_CARGO and RIVET_RUSTC (both), e.g. for a project-local unpacked toolchain.

RIVET_PINNED_RUST=1.96.0
RIVET_RUST_LIBRARY=/usr/lib/rustlib/src/rust/library
RIVET_TARGET=riscv64gc-unknown-none-elf

toolchain_fail() {
  echo "toolchain: $*" >&2
  echo "toolchain: './rivet test' installs the Debian packages listed in releng/debian-packages.txt" >&2
  echo "toolchain: (rustc-web cargo-web rust-web-src binutils-riscv64-unknown-elf qemu-system-misc python3)" >&2
  return 1
}

toolchain_locate() {
  unset RUSTC_BOOTSTRAP
  if [ -n "${RIVET_CARGO:-}" ] || [ -n "${RIVET_RUSTC:-}" ]; then
    [ -x "${RIVET_CARGO:-}" ] && [ -x "${RIVET_RUSTC:-}" ] ||
      { toolchain_fail "RIVET_CARGO and RIVET_RUSTC must both name executables"; return 1; }
    CARGO=$RIVET_CARGO RUSTC=$RIVET_RUSTC
    export RUSTC_BOOTSTRAP=1
    TOOLCHAIN_DESC="override"
  elif command -v rustup >/dev/null 2>&1 &&
       rustup target list --installed 2>/dev/null | grep -qx "$RIVET_TARGET"; then
    CARGO=$(rustup which cargo) RUSTC=$(rustup which rustc)
    TOOLCHAIN_DESC="rustup (target $RIVET_TARGET installed)"
  else
    # rustup's proxies come first on PATH and lack the target: use Debian's binaries explicitly.
    CARGO=/usr/bin/cargo RUSTC=/usr/bin/rustc
    [ -x "$CARGO" ] && [ -x "$RUSTC" ] ||
      { toolchain_fail "no /usr/bin/cargo or /usr/bin/rustc (Debian packages cargo-web, rustc-web)"; return 1; }
    [ -f "$RIVET_RUST_LIBRARY/Cargo.lock" ] && [ -d "$RIVET_RUST_LIBRARY/vendor" ] ||
      { toolchain_fail "no standard-library sources at $RIVET_RUST_LIBRARY (Debian package rust-web-src)"; return 1; }
    export RUSTC_BOOTSTRAP=1
    TOOLCHAIN_DESC="Debian rustc-web + rust-web-src (build-std, offline)"
  fi
  local version
  version=$("$RUSTC" -vV | sed -n 's/^release: //p')
  if [ "$TOOLCHAIN_DESC" != "${TOOLCHAIN_DESC#Debian}" ] && [ "$version" != "$RIVET_PINNED_RUST" ]; then
    toolchain_fail "rustc $version at $RUSTC differs from the pinned $RIVET_PINNED_RUST" \
      "(.cargo/config.toml points at $RIVET_RUST_LIBRARY/vendor)"
    return 1
  fi
  "$RUSTC" --print target-list | grep -qx "$RIVET_TARGET" ||
    { toolchain_fail "$RUSTC does not know the target $RIVET_TARGET"; return 1; }
  command -v riscv64-unknown-elf-ld >/dev/null 2>&1 ||
    { toolchain_fail "no riscv64-unknown-elf-ld (Debian package binutils-riscv64-unknown-elf)"; return 1; }
  export CARGO RUSTC
  TOOLCHAIN_DESC="$TOOLCHAIN_DESC, rustc $version"
  if [ "$version" != "$RIVET_PINNED_RUST" ]; then
    TOOLCHAIN_DESC="$TOOLCHAIN_DESC (NOT the pinned $RIVET_PINNED_RUST)"
  fi
}
