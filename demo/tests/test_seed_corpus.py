"""The seed-corpus generator (demo/seed_corpus.py) reproduces triage/data/seed_corpus.csv byte for byte."""

from demo import seed_corpus


def test_regenerating_the_seed_corpus_gives_the_committed_file(tmp_path, capsys):
    out = tmp_path / "seed_corpus.csv"
    seed_corpus.main(out)
    assert seed_corpus.OUT.name == "seed_corpus.csv" and seed_corpus.OUT.parent.parts[-2:] == ("triage", "data")
    assert out.read_bytes() == seed_corpus.OUT.read_bytes()
    assert "wrote 1352 rows" in capsys.readouterr().out
