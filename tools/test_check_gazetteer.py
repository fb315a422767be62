"""Tests for the gazetteer tools: the checker finds each kind of error in small files written here, and
passes the real files; the name helpers of the generators behave on tables of cases.

Run: python3 -m unittest discover -s tools -p 'test_*.py'
"""

import sys
import tempfile
import unittest
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import check_gazetteer  # noqa: E402
from gazlib import fold  # noqa: E402
from gen_countries import uninvert  # noqa: E402
from gen_places import spelling_key  # noqa: E402

HEAD = "id\tkind\tname_fr\tname_en\tcountry\tsector\taliases\twikidata\tnote"
CLEAN = {
    "countries.tsv": [HEAD + "\tcapitals\tdemonyms\tadjective_phrases",
                      "country:MLI\tcountry\tMali\tMali\tMLI\tGOV\tRépublique du Mali\tQ912\t\tBamako\tmalien|Malian\t",
                      "country:NER\tcountry\tNiger\tNiger\tNER\tGOV\t\tQ1032\t\tNiamey\tnigérien|Nigerien\t"],
    "places.tsv": [HEAD, "place:gao\tplace\tGao\tGao\tMLI\t\t\t\t"],
    "organizations.tsv": [HEAD, "org:aes\torganization\tAlliance des États du Sahel\tAlliance of Sahel States\t\tIGO\tAES\t\t"],
    "people.tsv": [HEAD + "\troles",
                   "person:sadio-camara\tperson\tSadio Camara\tSadio Camara\tMLI\tMIL\t\t\tcommon surname\tministre de la Défense|defence minister"],
}

# (case name, file, line index to replace (None = append), new line, expected error fragment)
ERROR_CASES = [
    ("duplicate id", "places.tsv", None, "place:gao\tplace\tGao Town\tGao Town\tMLI\t\t\t\t", "id already used"),
    ("bad kind", "places.tsv", 1, "place:gao\tcity\tGao\tGao\tMLI\t\t\t\t", "kind 'city'"),
    ("unknown country", "places.tsv", 1, "place:gao\tplace\tGao\tGao\tXXX\t\t\t\t", "country 'XXX'"),
    ("place with sector", "places.tsv", 1, "place:gao\tplace\tGao\tGao\tMLI\tGOV\t\t\t", "places have no sector"),
    ("bad sector", "organizations.tsv", 1, "org:aes\torganization\tAES\tAES\t\tFOO\t\t\t", "not a PLOVER sector"),
    ("id not a slug", "places.tsv", 1, "place:Gao Town\tplace\tGao\tGao\tMLI\t\t\t\t", "ASCII slug"),
    ("article in alias", "countries.tsv", 1,
     "country:MLI\tcountry\tMali\tMali\tMLI\tGOV\tle Mali\t\t\tBamako\tmalien\t", "starts with an article"),
    ("common word alias (fr)", "organizations.tsv", 1,
     "org:aes\torganization\tAlliance des États du Sahel\tAlliance of Sahel States\t\tIGO\tUnion\t\t", "common word"),
    ("common word alias (en)", "organizations.tsv", 1,
     "org:aes\torganization\tAlliance des États du Sahel\tAlliance of Sahel States\t\tIGO\tTotal\t\t", "common word"),
    ("lone article as name", "places.tsv", 1, "place:le\tplace\tLe\tLe\tMLI\t\t\t\t", "common word"),
    ("surface form of two entries", "places.tsv", None, "place:gao-2\tplace\tGao\tGao\tNER\t\t\t\t", "several entries"),
    ("common surname as alias", "people.tsv", 1,
     "person:sadio-camara\tperson\tSadio Camara\tSadio Camara\tMLI\tMIL\tCamara\t\tcommon surname\tdefence minister",
     "common surname 'Camara'"),
    ("malformed wikidata", "places.tsv", 1, "place:gao\tplace\tGao\tGao\tMLI\t\t\t912\t", "malformed Wikidata"),
    ("wikidata used twice", "countries.tsv", 2,
     "country:NER\tcountry\tNiger\tNiger\tNER\tGOV\t\tQ912\t\tNiamey\tnigérien\t", "already given"),
    ("stray tab", "places.tsv", 1, "place:gao\tplace\tGao\tGao\tMLI\t\t\t\t\t\t", "fields, header has"),
    ("repeated alias", "organizations.tsv", 1,
     "org:aes\torganization\tAlliance des États du Sahel\tAlliance of Sahel States\t\tIGO\tAES|AES\t\t", "repeated"),
    ("person without sector", "people.tsv", 1,
     "person:sadio-camara\tperson\tSadio Camara\tSadio Camara\tMLI\t\t\t\tcommon surname\tminister", "missing sector"),
]

# (case name, file, new line): lines that must NOT raise an error.
ACCEPTED_CASES = [
    ("acronym that is a word in lower case", "organizations.tsv",
     "org:un\torganization\tOrganisation des Nations unies\tUnited Nations\t\tUNO\tONU|UN|AU\t\t"),
    ("common word marked ambiguous", "organizations.tsv",
     "org:total\torganization\tTotalEnergies\tTotalEnergies\t\tBUS\tTotal\t\tambiguous=Total"),
    ("capitalised article inside a proper name", "places.tsv",
     "place:cairo\tplace\tLe Caire\tCairo\t\t\t\t\t"),
    ("shared form marked ambiguous", "places.tsv", "place:gao-ner\tplace\tGao\tGao\tNER\t\t\t\tambiguous"),
]


def write_files(directory, files):
    for name, lines in files.items():
        (Path(directory) / name).write_text("# test file\n" + "\n".join(lines) + "\n", encoding="utf-8")


def run(files):
    with tempfile.TemporaryDirectory() as d:
        write_files(d, files)
        errors, _, _ = check_gazetteer.check(d, use_dicts=False)
    return errors


class CheckerTest(unittest.TestCase):
    def test_clean_files_pass(self):
        self.assertEqual(run(CLEAN), [])

    def test_each_error_is_found(self):
        for name, fname, index, line, fragment in ERROR_CASES:
            files = {k: list(v) for k, v in CLEAN.items()}
            if index is None:
                files[fname].append(line)
            else:
                files[fname][index] = line
            errors = run(files)
            with self.subTest(case=name):
                self.assertTrue(any(fragment in e for e in errors),
                                f"case '{name}': expected an error containing '{fragment}', got {errors}")

    def test_accepted_lines(self):
        for name, fname, line in ACCEPTED_CASES:
            files = {k: list(v) for k, v in CLEAN.items()}
            files[fname].append(line)
            with self.subTest(case=name):
                self.assertEqual(run(files), [], f"case '{name}'")

    def test_repository_files_pass(self):
        errors, _, stats = check_gazetteer.check(check_gazetteer.ROOT / "pipelines/gazetteer", use_dicts=False)
        self.assertEqual(errors, [])
        self.assertGreaterEqual(stats["countries.tsv"], 249)


class HelpersTest(unittest.TestCase):
    def test_uninvert(self):
        cases = [
            ("Russie, Fédération de", "Fédération de Russie"),
            ("Iran, République islamique d'", "République islamique d'Iran"),
            ("Congo, The Democratic Republic of the", "Democratic Republic of the Congo"),
            ("Salomon, Îles", "Îles Salomon"),
            ("Réunion, Île de la", "Île de la Réunion"),
            ("Syrienne, République arabe", None),
            ("the State of Eritrea", "State of Eritrea"),
            ("Falkland Islands (Malvinas)", "Falkland Islands"),
            ("Mali", "Mali"),
        ]
        for text, want in cases:
            with self.subTest(text=text):
                self.assertEqual(uninvert(text), want)

    def test_spelling_key(self):
        same = [("Aguelhoc", "Aguelhok"), ("Tillabery", "Tillaberi"), ("Djibo", "Jibo"),
                ("Bobo Dioulasso", "Bobo-Dioulasso"), ("Ouallam", "Wallam")]
        different = [("Niger", "Nigeria"), ("Tombouctou", "Timbuktu"), ("Guinée", "Guinée-Bissau")]
        for a, b in same:
            with self.subTest(pair=(a, b)):
                self.assertEqual(spelling_key(fold(a)), spelling_key(fold(b)))
        for a, b in different:
            with self.subTest(pair=(a, b)):
                self.assertNotEqual(spelling_key(fold(a)), spelling_key(fold(b)))

    def test_fold(self):
        cases = [("Sergueï  Lavrov", "serguei lavrov"), ("L’AES", "l'aes"), ("Bek–Evkourov", "bek-evkourov"),
                 ("Erdoğan", "erdogan"), ("Åland", "aland")]
        for text, want in cases:
            with self.subTest(text=text):
                self.assertEqual(fold(text), want)


if __name__ == "__main__":
    unittest.main()
