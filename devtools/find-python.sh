#!/usr/bin/env bash
# Print the interpreter to build the venv with: Python 3.13 (the deploy runtime) where
# present, else the first python3 >= 3.11 on PATH. Exit 1 if none is found.
set -euo pipefail
candidates=()
if command -v pyenv >/dev/null 2>&1; then
  for v in 3.13 3.13.0; do
    if p=$(pyenv prefix "$v" 2>/dev/null); then candidates+=("$p/bin/python3"); fi
  done
fi
candidates+=(python3.13 python3.12 python3.11 python3)
for c in "${candidates[@]}"; do
  if command -v "$c" >/dev/null 2>&1 || [ -x "$c" ]; then
    if "$c" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' 2>/dev/null; then
      echo "$c"; exit 0
    fi
  fi
done
echo "no python >= 3.11 found" >&2
exit 1
