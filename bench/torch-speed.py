"""PyTorch beside the studio: the training benchmark's own workloads (bench/page/measure.ts) on
PyTorch's CPU backend, for bench/training.mjs to print in the same table.

Same models (MLP 32-128-64-10; CNN 28x28x1, Conv16/Conv32 3x3 "same" + ReLU, 2x2 max pools,
Dense64, softmax output), the same synthetic data, batch 64, Adam (learning rate 0.001), one
warm-up epoch on the first 128 rows, then two timed epochs over all rows (shuffled each epoch),
timed by the wall clock of the whole call. Prints one JSON object per line:
{"kind", "rows", "threads", "rounds": [samples/s, ...], "torch": version}.

Usage: /usr/bin/python3 bench/torch-speed.py KIND ROWS ROUNDS [THREADS]   (THREADS default 2)
"""

import json
import sys
import time

import torch
from torch import nn


def synthetic_data(features, rows):
    """The same rows as syntheticData in bench/page/measure.ts (a 31-bit LCG)."""
    state = 7
    values = []
    for _ in range(rows * features):
        state = (state * 1103515245 + 12345) % 2147483648
        values.append(state / 2147483648 * 2 - 1)
    x = torch.tensor(values, dtype=torch.float32).reshape(rows, features)
    y = torch.tensor(
        [(r % 5) if x[r, 0] > 0 else 5 + (r % 5) for r in range(rows)], dtype=torch.int64
    )
    return x, y


def model_for(kind):
    if kind == "mlp":
        return nn.Sequential(
            nn.Linear(32, 128), nn.ReLU(), nn.Linear(128, 64), nn.ReLU(), nn.Linear(64, 10)
        )
    return nn.Sequential(
        nn.Unflatten(1, (1, 28, 28)),
        nn.Conv2d(1, 16, 3, padding=1),
        nn.ReLU(),
        nn.MaxPool2d(2),
        nn.Conv2d(16, 32, 3, padding=1),
        nn.ReLU(),
        nn.MaxPool2d(2),
        nn.Flatten(),
        nn.Linear(32 * 7 * 7, 64),
        nn.ReLU(),
        nn.Linear(64, 10),
    )


def train(model, optimizer, x, y, epochs):
    # Softmax + cross-entropy, as the studio's loss; on the logits, as PyTorch does it.
    loss_of = nn.CrossEntropyLoss()
    rows = x.shape[0]
    for _ in range(epochs):
        order = torch.randperm(rows)
        for start in range(0, rows, 64):
            batch = order[start : start + 64]
            optimizer.zero_grad()
            loss = loss_of(model(x[batch]), y[batch])
            loss.backward()
            optimizer.step()


def speed(kind, x, y):
    torch.manual_seed(1)
    model = model_for(kind)
    optimizer = torch.optim.Adam(model.parameters(), lr=0.001)
    train(model, optimizer, x[:128], y[:128], 1)
    started = time.perf_counter()
    train(model, optimizer, x, y, 2)
    return 2 * x.shape[0] / (time.perf_counter() - started)


def main():
    kind, rows, rounds = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    threads = int(sys.argv[4]) if len(sys.argv) > 4 else 2
    if kind not in ("mlp", "cnn"):
        raise SystemExit(f"kind must be mlp or cnn, not {kind}")
    torch.set_num_threads(threads)
    x, y = synthetic_data(784 if kind == "cnn" else 32, rows)
    speed(kind, x, y)  # untimed, as the studio's first round: allocations and caches warm up
    samples = [speed(kind, x, y) for _ in range(rounds)]
    print(
        json.dumps(
            {
                "kind": kind,
                "rows": rows,
                "threads": torch.get_num_threads(),
                "rounds": samples,
                "torch": torch.__version__,
            }
        )
    )


if __name__ == "__main__":
    main()
