# Run by FontForge (fontforge -lang=py -script convert-fandol.py IN.otf OUT.ttf): rewrites a Fandol
# face with TrueType outlines (Chromium embeds CFF as Type 3) and keeps its OpenType layout.
#
# Fandol is CID-keyed: its lookups (`halt`, `vhal`, `cpct`, `vert`) belong to the CID font, and a
# plain Generate to TrueType writes no GPOS or GSUB at all. Without `halt`, Chromium's
# text-spacing-trim neither compresses adjacent full-width marks (“一带一路”。 in 1.5 em, not 2) nor
# trims a mark at a line end. Flattening the CID font first makes the lookups the font's own.
import sys
import fontforge


def has_feature(font, tag):
    for lookup in font.gpos_lookups:
        for feature, _ in font.getLookupInfo(lookup)[2]:
            if feature == tag:
                return True
    return False


source, target = sys.argv[1], sys.argv[2]
font = fontforge.open(source)
if font.cidfontname:
    font.cidFlatten()
if not has_feature(font, "halt"):
    sys.exit(source + " has no halt feature: punctuation would not be compressed")
font.generate(target, flags=("opentype",))
