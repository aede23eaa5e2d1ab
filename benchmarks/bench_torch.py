"""PyTorch side of the benchmark suite (issue 9): the same workloads as bench_engine.

Reads the workload (every size, count and hyperparameter) from OUT/ours.json, which
bench_engine wrote, runs each row in PyTorch at float64 on one thread, each in a fresh
interpreter as bench_engine does, and writes OUT/pytorch.json with the per-repetition values;
bench_report merges the two files.

The batch-1 rows iterate a TensorDataset as the blog post does: model(x) on a 1-D x of
2 features, then BCEWithLogitsLoss(outputs.squeeze(), label) against a 0-D label, and
loss.item() every step. If torch, numpy or scikit-learn is missing, pytorch.json says so
({"available": false, "reason": ...}) and the report leaves PyTorch's column empty.

Run with Debian's interpreter (the one with python3-torch):
    /usr/bin/python3 benchmarks/bench_torch.py --out results/bench
"""

import argparse
import ctypes
import json
import os
import subprocess
import sys
import time

# One thread everywhere, set before torch loads its thread pools and OpenBLAS reads its
# environment (a value the caller exported wins).
for _variable in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_variable, "1")

try:
    import numpy as np
    import torch
    from sklearn.datasets import make_moons
    from sklearn.model_selection import train_test_split
    from torch import nn
    from torch.utils.data import TensorDataset
    IMPORT_ERROR = None
except ImportError as error:  # reported in pytorch.json, not raised
    IMPORT_ERROR = f"{error.name or error} cannot be imported by {sys.executable}"

MICRO = 1e6
GIGA = 1e9
MEGA = 1e6
KIB_PER_MIB = 1024.0

# Offsets of the seeds of the different random choices (the C++ side derives its own
# streams; the data differ between frameworks, their sizes and distributions do not).
SEED_MOONS = 1
SEED_BLOG_INIT = 3
SEED_LARGE_DATA = 4
SEED_LARGE_INIT = 5
SEED_MC_DESIGN = 0
SEED_MC_MASKS = 6


def set_up_torch():
    torch.set_num_threads(1)
    torch.set_num_interop_threads(1)
    torch.set_default_dtype(torch.float64)


def time_repetitions(warmup, repetitions, run_once):
    """(wall, CPU) seconds of each of `repetitions` calls, after `warmup` untimed ones.
    CPU time is the process's (all threads, user + system), as bench_engine's: on a shared
    machine it counts only the time this process ran."""
    for _ in range(warmup):
        run_once()
    times = []
    for _ in range(repetitions):
        wall_start, cpu_start = time.perf_counter(), time.process_time()
        run_once()
        times.append((time.perf_counter() - wall_start, time.process_time() - cpu_start))
    return times


def figures(unit, times, figure, **details):
    """A row: figure(seconds) per repetition from CPU time ("values") and wall time."""
    return {"unit": unit, "values": [figure(cpu) for _, cpu in times],
            "wall_values": [figure(wall) for wall, _ in times], **details}


def make_mlp(inputs, hidden, with_dropout, drop_prob):
    """The post's MLP: inputs-hidden-hidden-1, ReLU, Dropout after each hidden ReLU."""
    layers = [nn.Linear(inputs, hidden), nn.ReLU()]
    if with_dropout:
        layers.append(nn.Dropout(drop_prob))
    layers += [nn.Linear(hidden, hidden), nn.ReLU()]
    if with_dropout:
        layers.append(nn.Dropout(drop_prob))
    layers.append(nn.Linear(hidden, 1))
    return nn.Sequential(*layers)


class BatchOneTrainer:
    """SGD at batch size 1 through the training points in order, as the post's loop."""

    def __init__(self, workload, with_dropout):
        seed = workload["seed"]
        X, y = make_moons(n_samples=workload["moons_samples"],
                          noise=workload["moons_noise"], random_state=seed + SEED_MOONS)
        X_train, _, y_train, _ = train_test_split(
            X, y, test_size=workload["test_size"], random_state=seed + SEED_MOONS)
        self.trainloader = TensorDataset(torch.from_numpy(X_train),
                                         torch.from_numpy(y_train.astype(np.float64)))
        torch.manual_seed(seed + SEED_BLOG_INIT)
        self.model = make_mlp(2, workload["hidden"], with_dropout, workload["drop_prob"])
        weight_decay = 0.0 if with_dropout else workload["weight_decay"]
        self.optimizer = torch.optim.SGD(self.model.parameters(), lr=workload["lr"],
                                         weight_decay=weight_decay)
        self.criterion = nn.BCEWithLogitsLoss()
        self.next = 0

    def __len__(self):
        return len(self.trainloader)

    def run(self, steps):
        """Runs `steps` steps; returns their mean loss."""
        running_loss = 0.0
        for _ in range(steps):
            inputs, labels = self.trainloader[self.next]  # x: (2), label: 0-D
            self.optimizer.zero_grad()
            outputs = self.model(inputs)
            loss = self.criterion(outputs.squeeze(), labels)
            loss.backward()
            self.optimizer.step()
            running_loss += loss.item()
            self.next = (self.next + 1) % len(self.trainloader)
        return running_loss / steps


def measure_step_batch1(workload, with_dropout):
    trainer = BatchOneTrainer(workload, with_dropout)
    trainer.run(workload["step_warmup_steps"])
    steps = workload["step_steps_per_rep"]
    last = {}

    def run_once():
        last["loss"] = trainer.run(steps)

    times = time_repetitions(0, workload["step_repetitions"], run_once)
    return figures("us/step", times, lambda seconds: seconds / steps * MICRO,
                   last_rep_mean_loss=last["loss"], training_points=len(trainer))


def peak_rss_mib():
    """VmHWM of this process (its own address space only), in MiB."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                value, unit = line.split()[1:3]
                assert unit == "kB", line
                return int(value) / KIB_PER_MIB
    return float("nan")


def moons_child(workload):
    """Trains one moons model for all epochs, as the post; prints time and peak RSS."""
    trainer = BatchOneTrainer(workload, with_dropout=False)
    epochs = workload["moons_epochs"]
    last = {}

    def train():
        for _ in range(epochs):  # the post: for epoch in range(200): for i, data in ...
            last["loss"] = trainer.run(len(trainer))

    [(wall_seconds, cpu_seconds)] = time_repetitions(0, 1, train)
    print(json.dumps({"wall_seconds": wall_seconds, "cpu_seconds": cpu_seconds,
                      "epochs": epochs, "steps": epochs * len(trainer),
                      "last_epoch_mean_loss": last["loss"],
                      "peak_rss_mib": peak_rss_mib()}))


def run_child(arguments, workload_path):
    """Runs this script with `arguments` in a fresh interpreter; parses its last line."""
    result = subprocess.run(
        [sys.executable, os.path.abspath(__file__), *arguments, "--workload", workload_path],
        check=True, stdout=subprocess.PIPE, text=True)
    return json.loads(result.stdout.strip().splitlines()[-1])


def measure_large_batch(workload):
    seed = workload["seed"]
    batch = workload["large_batch"]
    X, y = make_moons(n_samples=batch, noise=workload["moons_noise"],
                      random_state=seed + SEED_LARGE_DATA)
    inputs = torch.from_numpy(X)
    labels = torch.from_numpy(y.astype(np.float64)).reshape(batch, 1)
    torch.manual_seed(seed + SEED_LARGE_INIT)
    model = make_mlp(2, workload["large_hidden"], False, 0.0)
    optimizer = torch.optim.SGD(model.parameters(), lr=workload["lr"])
    criterion = nn.BCEWithLogitsLoss()
    last = {}

    def step():
        optimizer.zero_grad()
        loss = criterion(model(inputs), labels)
        loss.backward()
        optimizer.step()
        last["loss"] = loss.item()

    times = time_repetitions(workload["large_warmup_steps"], workload["large_repetitions"], step)
    return figures("GFLOP/s", times, lambda seconds: workload["large_step_flops"] / seconds / GIGA,
                   last_loss=last["loss"])


def measure_mc_theorem(workload):
    """The theorem's Monte Carlo of input dropout on linear regression, batched as ours:
    `chunk` copies of X stacked, one Bernoulli(retain_prob) mask over all of them (no
    rescaling: Srivastava's convention), one product, one squared-residual sum per draw."""
    rng = np.random.default_rng(workload["seed"] + SEED_MC_DESIGN)
    scales = np.array(workload["mc_column_scales"])
    rows, columns = workload["mc_rows"], len(scales)
    X = torch.from_numpy(rng.standard_normal((rows, columns)) * scales)
    true_w = torch.tensor(workload["mc_true_weights"])
    y = X @ true_w + workload["mc_noise"] * torch.from_numpy(rng.standard_normal(rows))
    retain_prob = workload["mc_retain_prob"]
    # E‖y − (R∗X)w‖² = ‖y − pXw‖² + p(1−p)·Σ_j (Σ_i X_ij²)·w_j²  (Srivastava et al. 2014, §9.1)
    expected = (((y - retain_prob * (X @ true_w)) ** 2).sum()
                + retain_prob * (1 - retain_prob) * ((X ** 2).sum(0) * true_w ** 2).sum()).item()
    chunk, draws = workload["mc_chunk_draws"], workload["mc_draws_per_rep"]
    stacked = X.repeat(chunk, 1)  # (chunk·N, D): row c·N + i is draw c's copy of row i
    weights = true_w.reshape(columns, 1)
    retain = torch.full_like(stacked, retain_prob)
    torch.manual_seed(workload["seed"] + SEED_MC_MASKS)
    last = {}

    def run_once():
        with torch.no_grad():
            total = torch.zeros(())
            total_sq = torch.zeros(())
            done = 0
            while done < draws:
                count = min(chunk, draws - done)
                inputs = stacked if count == chunk else X.repeat(count, 1)
                prob = retain if count == chunk else torch.full_like(inputs, retain_prob)
                predictions = ((inputs * torch.bernoulli(prob)) @ weights).reshape(count, rows)
                losses = ((y - predictions) ** 2).sum(1)  # one loss per draw
                total += losses.sum()
                total_sq += (losses * losses).sum()
                done += count
            mean = total.item() / draws
            variance = (total_sq.item() - draws * mean * mean) / (draws - 1)
            last.update(mean=mean, mean_se=(variance / draws) ** 0.5)

    times = time_repetitions(workload["mc_warmup_reps"], workload["mc_repetitions"], run_once)
    entries = rows * columns * draws
    return figures("M mask entries/s", times, lambda seconds: entries / seconds / MEGA,
                   expected_loss=expected, last_rep_mean_loss=last["mean"],
                   last_rep_mean_se=last["mean_se"])


def loaded_blas_libraries():
    """Real paths of the BLAS/LAPACK/MKL shared libraries mapped into this process (not the
    Python extension modules of NumPy/SciPy that wrap them)."""
    found = set()
    with open("/proc/self/maps") as maps:
        for line in maps:
            path = line.split()[-1]
            name = os.path.basename(path)
            if (path.startswith("/") and name.startswith("lib")
                    and any(k in name for k in ("blas", "lapack", "mkl"))):
                found.add(os.path.realpath(path))
    return sorted(found)


def torch_info(blas_libraries):
    config = torch.__config__.show()
    blas_info = next((part.split("=", 1)[1] for part in config.replace(",", " ").split()
                      if part.startswith("BLAS_INFO=")), "unknown")
    info = {"version": torch.__version__, "num_threads": torch.get_num_threads(),
            "num_interop_threads": torch.get_num_interop_threads(),
            "config_blas_info": blas_info, "blas_libraries": blas_libraries,
            "python": sys.version.split()[0],
            "load_average": " ".join(f"{load:.2f}" for load in os.getloadavg())}
    for path in blas_libraries:  # ask the loaded OpenBLAS itself, as bench_engine does
        if "openblas" in os.path.basename(path):
            library = ctypes.CDLL(path)
            library.openblas_get_config.restype = ctypes.c_char_p
            info["openblas_config"] = library.openblas_get_config().decode()
            info["openblas_threads"] = library.openblas_get_num_threads()
    return info


def write_json(path, value):
    temporary = path + ".tmp"
    with open(temporary, "w") as out:
        json.dump(value, out, indent=2, sort_keys=True)
        out.write("\n")
    os.replace(temporary, path)


# The rows a --row child can run (moons_model and peak_rss come from --moons-child).
ROWS = {
    "step_batch1": lambda workload: measure_step_batch1(workload, with_dropout=False),
    "step_batch1_dropout": lambda workload: measure_step_batch1(workload, with_dropout=True),
    "large_batch": measure_large_batch,
    "mc_theorem": measure_mc_theorem,
}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", default="results/bench",
                        help="directory holding ours.json; pytorch.json is written there")
    parser.add_argument("--workload", help="the ours.json to read the workload from "
                        "(default: OUT/ours.json)")
    parser.add_argument("--row", choices=ROWS,
                        help="run one row in this process and print it as JSON (the parent "
                        "runs every row so, each in a fresh process)")
    parser.add_argument("--moons-child", action="store_true",
                        help="train one moons model, print its time and peak RSS (internal)")
    args = parser.parse_args()
    workload_path = args.workload or os.path.join(args.out, "ours.json")
    with open(workload_path) as source:
        workload = json.load(source)["workload"]
    if IMPORT_ERROR:
        print(f"    PyTorch benchmarks skipped: {IMPORT_ERROR}")
        if not (args.moons_child or args.row):
            write_json(os.path.join(args.out, "pytorch.json"),
                       {"available": False, "reason": IMPORT_ERROR})
        return 0
    set_up_torch()
    if args.moons_child:
        moons_child(workload)
        return 0
    if args.row:
        print(json.dumps(ROWS[args.row](workload)))
        return 0

    print("==> PyTorch" + (" (quick)" if workload["quick"] else "")
          + ", each row in a fresh process", flush=True)
    workload_path = os.path.abspath(workload_path)
    rows = {}

    def record(name, row):
        values = sorted(row["values"])
        line = (f"    {name}: {values[len(values) // 2]:.4g} {row['unit']} "
                f"(middle of {len(values)}, range {values[0]:.4g} to {values[-1]:.4g})")
        if "wall_values" in row:
            wall = sorted(row["wall_values"])
            line += f"; wall clock {wall[len(wall) // 2]:.4g}"
        print(line, flush=True)
        rows[name] = row

    record("step_batch1", run_child(["--row", "step_batch1"], workload_path))
    record("step_batch1_dropout", run_child(["--row", "step_batch1_dropout"], workload_path))
    moons = {"unit": "s", "values": [], "wall_values": [],
             "timed": "the training loop, in a fresh process per repetition"}
    peak_rss = {"unit": "MiB", "values": [],
                "measured": "VmHWM of the process that trained one moons model"}
    for _ in range(workload["moons_repetitions_pytorch"]):
        child = run_child(["--moons-child"], workload_path)
        moons["values"].append(child["cpu_seconds"])
        moons["wall_values"].append(child["wall_seconds"])
        peak_rss["values"].append(child["peak_rss_mib"])
        moons.update(epochs=child["epochs"], steps=child["steps"],
                     last_epoch_mean_loss=child["last_epoch_mean_loss"])
    record("moons_model", moons)
    record("peak_rss", peak_rss)
    record("large_batch", run_child(["--row", "large_batch"], workload_path))
    record("mc_theorem", run_child(["--row", "mc_theorem"], workload_path))
    torch.ones(2, 2) @ torch.ones(2, 2)  # make sure the BLAS is loaded before we look
    write_json(os.path.join(args.out, "pytorch.json"),
               {"available": True, "framework": "pytorch", "workload": workload, "rows": rows,
                "pytorch": torch_info(loaded_blas_libraries())})
    print(f"    wrote {os.path.join(args.out, 'pytorch.json')}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
