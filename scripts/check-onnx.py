#!/usr/bin/env python3
"""Checks ONNX files with onnx.checker (full_check: types and shapes inferred strictly).

Usage: check-onnx.py FILE...   Prints one line per file; exits 1 when any file fails, 2 when the
onnx package is missing (install python3-onnx).
"""
import sys

try:
    import onnx
except ImportError:
    print("The Python package onnx is missing: install python3-onnx (apt-get install python3-onnx).")
    sys.exit(2)

failed = 0
for path in sys.argv[1:]:
    try:
        model = onnx.load(path)
        onnx.checker.check_model(model, full_check=True)
        print(f"ok {path}")
    except Exception as error:  # every checker or load error is reported per file
        failed += 1
        print(f"FAIL {path}: {error}")
sys.exit(1 if failed else 0)
