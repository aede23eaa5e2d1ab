#!/usr/bin/env python3
"""Writes the hand-made seed corpus of the fuzz targets (fuzz/CMakeLists.txt) into
fuzz/corpus/<target>/: valid files, each error the README lists, edge numbers (subnormals,
1e308, -0), long lines, CRLF, a byte-order mark, empty input. Run it from anywhere; it
rewrites the seeds and leaves corpus/<target>/regressions/ (inputs a fuzzer found) alone."""
import json
import pathlib

HERE = pathlib.Path(__file__).resolve().parent

CSV = {
    "valid": "0.5,1.25,1\n-3,4e-2,0\n",
    "valid_header": "x0,x1,label\n1,2,0\n3,4,1\n",
    "valid_crlf": "x,y\r\n1,2\r\n3,4\r\n",
    "valid_bom_header": "\ufeffx,y\n1,2\n",
    "valid_padded": " 1 ,\t2 \n+3, 4\n",
    "valid_no_final_newline": "1,2\n3,4",
    "valid_trailing_blank_lines": "1,2\n\n  \n",
    "edge_subnormal": "4.9406564584124654e-324,2.2250738585072009e-308,1\n",
    "edge_large": "1e308,-1.7976931348623157e308,1.7976931348623157e308\n",
    "edge_negative_zero": "-0,0,-0.0\n+0,-0e5,1\n",
    "edge_long_line": ",".join(str(i * 0.1) for i in range(2000)) + "\n",
    "edge_many_rows": "".join(f"{i},{i % 2}\n" for i in range(500)),
    "edge_inf_nan": "inf,1\nnan,0\n-inf,1\n",
    "edge_hex_float": "0x1p3,1\n",
    "error_empty": "",
    "error_blank_only": "\n\n",
    "error_one_column": "1\n2\n",
    "error_header_only": "a,b\n",
    "error_ragged_row": "1,2,3\n4,5\n",
    "error_non_numeric": "1,2\n3,abc\n",
    "error_blank_between_rows": "1,2\n\n3,4\n",
    "error_overflow": "1,2\n1e400,1\n",
    "error_nul_byte": "1,2\n3,4\x00\n",
    "edge_bom_no_header": "\ufeff1,2\n3,4\n",
}

# Arguments separated by NUL bytes (fuzz_cli.cpp).
CLI = {
    "valid_empty": [],
    "valid_common": ["--seed", "42", "--out", "/tmp/out", "--quick", "--threads", "2"],
    "valid_inline_values": ["--lr=1e-3", "--steps=5", "--runs=3", "--hidden=16", "--verbose"],
    "valid_quick_then_override": ["--steps", "7", "--quick"],
    "valid_value_like_option": ["--data", "--quick"],
    "valid_value_with_equals": ["--out=a=b"],
    "help": ["--lr", "1", "--help", "--bogus"],
    "help_short": ["-h"],
    "version": ["--version"],
    "edge_subnormal": ["--lr=4.9406564584124654e-324"],
    "edge_large": ["--lr", "1e308", "--seed", "18446744073709551615"],
    "edge_negative_zero": ["--lr=-0"],
    "edge_nan_inf": ["--lr=nan", "--lr=-inf"],
    "edge_hex_float": ["--lr=0x1p-3"],
    "edge_hidden_max": ["--hidden=4294967295"],
    "edge_long_value": ["--data", "d" * 5000],
    "error_unknown_option": ["--bogus"],
    "error_unknown_with_value": ["--bogus=1"],
    "error_missing_value": ["--lr"],
    "error_flag_with_value": ["--quick=1"],
    "error_malformed_double": ["--lr=abc"],
    "error_trailing_garbage": ["--steps", "12abc"],
    "error_negative_count": ["--steps=-1"],
    "error_plus_count": ["--runs=+1"],
    "error_count_overflow": ["--seed=18446744073709551616"],
    "error_hidden_overflow": ["--hidden=4294967296"],
    "error_empty_string": ["--out="],
    "error_empty_argument": [""],
}


def state_dict(entries, fmt="dropout_lab.state_dict", version=1):
    return {"format": fmt, "version": version, "state_dict": entries}


GOOD = {
    "0.weight": {"shape": [3, 2], "values": [0.5, -0.25, 1e-3, 2.0, -1.5, 0.125]},
    "0.bias": {"shape": [3], "values": [0.0, -0.0, 1.0]},
    "2.weight": {"shape": [1, 3], "values": [4.9406564584124654e-324, 1e308, -2.2250738585072014e-308]},
    "2.bias": {"shape": [1], "values": [3]},
}


def edited(**changes):
    entries = json.loads(json.dumps(GOOD))
    for name, entry in changes.items():
        if entry is None:
            del entries[name.replace("_", ".", 1)]
        else:
            entries[name.replace("_", ".", 1)] = entry
    return entries


valid = json.dumps(state_dict(GOOD), indent=2)
STATE_DICT = {
    "valid": valid,
    "valid_crlf": valid.replace("\n", "\r\n"),
    "valid_bom": "\ufeff" + valid,
    "valid_compact": json.dumps(state_dict(GOOD), separators=(",", ":")),
    "edge_negative_zero_integer": json.dumps(state_dict(edited(**{"2_bias": {"shape": [1], "values": [0]}}))).replace("[0]}}", "[-0]}}"),
    "edge_overflow": valid.replace("1e+308", "1e400"),
    "error_empty": "",
    "error_not_json": "{\"format\": ",
    "error_not_object": "[1, 2, 3]",
    "error_no_format": json.dumps({"version": 1, "state_dict": GOOD}),
    "error_wrong_format": json.dumps(state_dict(GOOD, fmt="torch")),
    "error_wrong_version": json.dumps(state_dict(GOOD, version=2)),
    "error_no_state_dict": json.dumps({"format": "dropout_lab.state_dict", "version": 1}),
    "error_state_dict_not_object": json.dumps(state_dict([1, 2])),
    "error_missing_parameter": json.dumps(state_dict(edited(**{"2_bias": None}))),
    "error_wrong_shape": json.dumps(state_dict(edited(**{"0_bias": {"shape": [1, 3], "values": [0, 0, 0]}}))),
    "error_extra_parameter": json.dumps(state_dict(edited(**{"9_weight": {"shape": [1], "values": [1]}}))),
    "error_value_count": json.dumps(state_dict(edited(**{"0_bias": {"shape": [3], "values": [1, 2]}}))),
    "error_value_not_number": json.dumps(state_dict(edited(**{"0_bias": {"shape": [3], "values": [1, "2", 3]}}))),
    "error_shape_not_sizes": json.dumps(state_dict(edited(**{"0_bias": {"shape": [-3], "values": [1, 2, 3]}}))),
    "error_entry_not_object": json.dumps(state_dict(edited(**{"0_bias": [1, 2, 3]}))),
    "error_deep_nesting": "[" * 20000 + "]" * 20000,
}


def write(folder, name, data):
    path = HERE / folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)


for name, text in CSV.items():
    write("csv", name + ".csv", text)
for name, arguments in CLI.items():
    write("cli", name + ".args", "\0".join(arguments).encode("utf-8"))
for name, text in STATE_DICT.items():
    write("state_dict", name + ".json", text)
