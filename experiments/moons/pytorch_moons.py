#!/usr/bin/python3
"""The post's moons experiment in PyTorch, beside experiments/moons (optional: never needed by
the build or the tests).

Runs, for each seed, what the C++ experiment runs: the post's code with its two bugs (the
second loop steps the first model's optimizer; predictions threshold raw logits at 0.5), and
the corrected models (weight decay, dropout, none; each steps its own optimizer; eval mode;
sigmoid(logit) > 0.5). Same architecture (2-64-64-1, ReLU, nn.Dropout after each hidden
ReLU), same loop (batch 1, rows in order, BCEWithLogitsLoss), float64 unless --float32.

Point-for-point comparison with the C++ run:
    /usr/bin/python3 experiments/moons/pytorch_moons.py --write-data /tmp/moons.csv
    /usr/bin/python3 experiments/moons/pytorch_moons.py --data /tmp/moons.csv --seeds 3
    build/release/experiments/moons/moons --data /tmp/moons.csv --seeds 3 --sweep-seeds 0
The CSV has columns x0,x1,is_test,label: training rows first, in the order the loop visits
them, then the test rows. Both programs then see the same points; their initial weights and
masks come from different random generators, so compare distributions over seeds, not bits.

Needs torch and scikit-learn (Debian's python3-torch and python3-sklearn).
"""
import argparse
import copy
import json
import statistics
import sys

import numpy as np
import torch
from torch.utils.data import TensorDataset


def parse_args():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--data", help="CSV x0,x1,is_test,label (or x0,x1,label: split here)")
    p.add_argument("--write-data", metavar="FILE",
                   help="write make_moons + train_test_split (sklearn) to FILE and exit")
    p.add_argument("--n-samples", type=int, default=1000)
    p.add_argument("--noise", type=float, default=0.2)
    p.add_argument("--test-size", type=float, default=0.33)
    p.add_argument("--seed", type=int, default=0, help="first seed (data and torch)")
    p.add_argument("--seeds", type=int, default=10)
    p.add_argument("--epochs", type=int, default=200)
    p.add_argument("--lr", type=float, default=0.001)
    p.add_argument("--weight-decay", type=float, default=0.2)
    p.add_argument("--drop-prob", type=float, default=0.5)
    p.add_argument("--hidden", default="64,64")
    p.add_argument("--float32", action="store_true", help="the post's dtype (default float64)")
    return p.parse_args()


def sklearn_split(n_samples, noise, test_size, seed):
    from sklearn.datasets import make_moons
    from sklearn.model_selection import train_test_split
    X, y = make_moons(n_samples=n_samples, noise=noise, random_state=seed)
    return train_test_split(X, y, test_size=test_size, random_state=seed)


def write_data(path, X_train, X_test, y_train, y_test):
    with open(path, "w") as f:
        f.write("x0,x1,is_test,label\n")
        for X, y, is_test in ((X_train, y_train, 0), (X_test, y_test, 1)):
            for row, label in zip(X, y):
                f.write(f"{row[0]!r},{row[1]!r},{is_test},{int(label)}\n")


def read_data(path, test_size, seed):
    table = np.genfromtxt(path, delimiter=",", names=True)
    columns = table.dtype.names
    data = np.column_stack([table[c] for c in columns])
    if data.shape[1] == 4:
        test = data[:, 2] == 1
        return data[~test, :2], data[test, :2], data[~test, 3], data[test, 3]
    from sklearn.model_selection import train_test_split
    return train_test_split(data[:, :2], data[:, 2], test_size=test_size, random_state=seed)


def make_mlp(hidden, drop_prob):
    layers, width = [], 2
    for h in hidden:
        layers += [torch.nn.Linear(width, h), torch.nn.ReLU()]
        if drop_prob > 0:
            layers.append(torch.nn.Dropout(drop_prob))
        width = h
    layers.append(torch.nn.Linear(width, 1))
    return torch.nn.Sequential(*layers)


def train_loop(model, zeroed, stepped, loader, epochs, criterion):
    """The post's loop: zero one optimizer, backward, step another (the same one when correct)."""
    model.train()
    for _ in range(epochs):
        for inputs, labels in loader:
            zeroed.zero_grad()
            loss = criterion(model(inputs).squeeze(), labels)
            if not torch.isfinite(loss):
                sys.exit("non-finite loss")
            loss.backward()
            stepped.step()


def evaluate(model, X_test, y_test):
    model.eval()
    with torch.no_grad():
        logits = model(X_test).squeeze(1)
    post = torch.where(logits < 0.5, 0, 1)             # the post's binarize
    correct = (torch.sigmoid(logits) > 0.5).long()      # sigmoid(logit) > 0.5
    y = y_test.long()
    return {"acc_sigmoid": (correct == y).double().mean().item(),
            "acc_post": (post == y).double().mean().item(),
            "ones_sigmoid": int(correct.sum()), "ones_post": int(post.sum())}


def run_seed(args, seed, X_train, X_test, y_train, y_test, dtype):
    hidden = [int(h) for h in args.hidden.split(",")]
    torch.manual_seed(seed)
    init = make_mlp(hidden, 0).to(dtype)  # every model of this seed starts from these weights
    criterion = torch.nn.BCEWithLogitsLoss()
    inputs = torch.from_numpy(X_train).to(dtype)
    loader = TensorDataset(inputs, torch.from_numpy(y_train).to(dtype))
    X_t, y_t = torch.from_numpy(X_test).to(dtype), torch.from_numpy(y_test)

    def fresh(drop_prob):
        model = make_mlp(hidden, drop_prob).to(dtype)
        linears = [m for m in model if isinstance(m, torch.nn.Linear)]
        for target, source in zip(linears, [m for m in init if isinstance(m, torch.nn.Linear)]):
            target.load_state_dict(source.state_dict())
        return model

    out = {}
    model = fresh(0)
    optimizer = torch.optim.SGD(model.parameters(), lr=args.lr, weight_decay=args.weight_decay)
    train_loop(model, optimizer, optimizer, loader, args.epochs, criterion)
    out["weight_decay"] = evaluate(model, X_t, y_t)
    # The post's second loop: optimizer_dropout.zero_grad(), ..., optimizer.step().
    model_dropout = fresh(args.drop_prob)
    optimizer_dropout = torch.optim.SGD(model_dropout.parameters(), lr=args.lr)
    train_loop(model_dropout, optimizer_dropout, optimizer, loader, args.epochs, criterion)
    out["replay_weight_decay"] = evaluate(model, X_t, y_t)
    out["replay_dropout"] = evaluate(model_dropout, X_t, y_t)
    for name, drop_prob in (("dropout", args.drop_prob), ("none", 0.0)):
        m = fresh(drop_prob)
        opt = torch.optim.SGD(m.parameters(), lr=args.lr)
        train_loop(m, opt, opt, loader, args.epochs, criterion)
        out[name] = evaluate(m, X_t, y_t)
    out["test_label_1_share"] = float(np.mean(y_test))
    return out


def main():
    args = parse_args()
    torch.set_num_threads(1)
    if args.write_data:
        write_data(args.write_data, *sklearn_split(args.n_samples, args.noise, args.test_size,
                                                   args.seed))
        print(f"wrote {args.write_data}")
        return
    dtype = torch.float32 if args.float32 else torch.float64
    runs = []
    for k in range(args.seeds):
        seed = args.seed + k
        if args.data:
            split = read_data(args.data, args.test_size, seed)
        else:
            split = sklearn_split(args.n_samples, args.noise, args.test_size, seed)
        runs.append(run_seed(args, seed, *split, dtype))
        print(f"seed {seed}: " + json.dumps(runs[-1]), file=sys.stderr, flush=True)

    def stats(key, field):
        values = [r[key][field] for r in runs]
        return {"mean": statistics.mean(values),
                "std": statistics.stdev(values) if len(values) > 1 else 0.0,
                "per_seed": values}

    summary = {
        "config": vars(args),
        "replay_both_bugs": {"weight_decay": stats("replay_weight_decay", "acc_post"),
                             "dropout": stats("replay_dropout", "acc_post")},
        "corrected": {k: stats(k, "acc_sigmoid") for k in ("weight_decay", "dropout", "none")},
        "runs": runs,
    }
    print(json.dumps(summary, indent=1))


if __name__ == "__main__":
    main()
