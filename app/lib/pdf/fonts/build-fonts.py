#!/usr/bin/env python3
"""Builds the two font files embedded in NOURX PDFs from Inter (SIL OFL 1.1).

Run from the repository root when the source fonts change:
    python3 app/lib/pdf/fonts/build-fonts.py
Needs fontTools (Debian: `apt-get install python3-fonttools`). The outputs are
committed, so neither the app nor its tests need Python.

Why not embed the stock Inter files:
- Size: each stock TTF is ~340 KB and the Worker bundle carries them. Keeping
  only the characters a French/Ivorian business document can contain brings
  each file under 45 KB.
- CPU: pdf-lib runs fontkit's shaper on every string it measures or draws.
  With Inter's large GSUB/GPOS tables that costs ~2 ms per call, hundreds of
  ms per invoice. pdf-lib never applies GPOS positions (no kerning in its
  output) anyway, so both tables are dropped and shaping becomes a cmap lookup.
- Tabular figures: amounts are right-aligned in columns, so digits must share
  one width. Dropping GSUB loses the `tnum` feature, so the cmap is pointed at
  Inter's tabular digit glyphs (`zero.tf` …) before subsetting: every digit
  drawn by the PDF is tabular.
The `.bin` extension makes Wrangler/@cloudflare/vite-plugin bundle the files
as Data modules (an ArrayBuffer, no base64 round trip). See ../README.md.
"""
import os
from fontTools.ttLib import TTFont
from fontTools import subset

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.path.join(HERE, '..', '..', '..', '..', 'node_modules', '@expo-google-fonts', 'inter')

# Latin, Latin-1, Latin Extended-A (French, œ, ß, Polish/Turkish names…), the
# letters of Ivorian languages written with the African reference alphabet
# (Ɛ ɛ Ɔ ɔ Ɲ ɲ Ŋ ŋ, dotted vowels), general punctuation (U+202F narrow no-break
# space used by formatXOF, « », ’, …, –, —, •), currency signs (€), № ™, the
# minus sign U+2212 (negative amounts), ×, comparison signs, ● and ✓.
UNICODES = (
    'U+0020-007E,U+00A0-017F,U+0186,U+0189,U+018A,U+018E,U+0190,U+0192,U+019D,'
    'U+01A9,U+01B2,U+01DD,U+0218-021B,U+0254,U+0256,U+0257,U+0259,U+025B,U+0263,'
    'U+0272,U+0283,U+028B,U+02BC,U+02C6,U+02C7,U+02D8-02DD,U+1E62,U+1E63,'
    'U+1EB8,U+1EB9,U+1ECC,U+1ECD,U+2000-206F,U+20A3,U+20AC,U+2116,U+2122,'
    'U+2190-2193,U+2212,U+2215,U+2260,U+2264,U+2265,U+25CF,U+2713'
)

DIGITS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine']


def build(weight_dir: str, source_name: str, output_name: str) -> None:
    font = TTFont(os.path.join(SOURCE, weight_dir, source_name))
    # Freeze tabular figures into the cmap (see module docstring).
    for table in font['cmap'].tables:
        if not table.isUnicode():
            continue
        for index, name in enumerate(DIGITS):
            code = 0x30 + index
            if code in table.cmap:
                table.cmap[code] = name + '.tf'
    options = subset.Options()
    options.drop_tables += ['GSUB', 'GPOS', 'GDEF', 'STAT', 'gasp']
    options.layout_features = []
    options.hinting = False
    options.name_IDs = ['*']
    options.name_languages = ['*']
    options.notdef_outline = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=subset.parse_unicodes(UNICODES))
    subsetter.subset(font)
    output = os.path.join(HERE, output_name)
    font.save(output)
    print(f'{output_name}: {os.path.getsize(output)} bytes')


build('400Regular', 'Inter_400Regular.ttf', 'inter-regular.ttf.bin')
build('700Bold', 'Inter_700Bold.ttf', 'inter-bold.ttf.bin')
