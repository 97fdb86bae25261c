"""Tests for benchmarks/snapshot.py, the check that a speed change left every table identical."""
import pickle

from benchmarks import snapshot


def test_check_passes_on_unchanged_code_and_names_a_changed_cell(tmp_path, capsys):
    only = ["sentences", "tokens"]
    snapshot.save(tmp_path, ["corpus"], set(only))
    assert snapshot.check(tmp_path, ["corpus"], set(only)) == 0
    assert "same      tokens" in capsys.readouterr().out

    # a snapshot whose token table differs in one cell must fail, naming the table
    path = tmp_path / "corpus.pkl"
    tables = pickle.loads(path.read_bytes())
    tables["tokens"].loc[tables["tokens"].index[0], "end"] += 1
    path.write_bytes(pickle.dumps(tables))
    assert snapshot.check(tmp_path, ["corpus"], set(only)) == 1
    out = capsys.readouterr().out
    assert "DIFFERENT tokens" in out and "same      sentences" in out


def test_default_corpora_are_the_seeds_and_every_held_out_set():
    found = snapshot.default_corpora()
    assert found[0] == "corpus"
    assert {"tests/heldout/corpus", "tests/heldout4/corpus"} <= set(found)
