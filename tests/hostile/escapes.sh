# escapes.sh: sourced by the setup of the escapes-* cases, in the plan set:
# plan text that tries to act on the reader's terminal or browser. The ks
# verksamhetsplan gets a document id (reported by the schema, so it reaches
# the diagnostics) and goal titles (shown by plan-link) with:
#   ESC [ 2 J, ESC [ 3 J, ESC [ H   clear the screen and the scrollback
#   ESC ] 52 ; c ; ... BEL          OSC 52: write to the clipboard
#   ESC ] 8 ; ; URL ESC \           OSC 8: a hidden hyperlink
#   U+202E, U+2066..U+2069          bidirectional overrides and isolates
#   U+009B                          C1 CSI, a one-character ESC [
#   <script> and <img> tags         for Markdown, HTML and Mermaid readers
# and a raw U+202E in a comment on the id's line, which the source quote of
# a terminal shows. With ESCAPES_RAW=1, planer/ks/anteckningar.yaml
# holds raw ESC and BEL bytes, which YAML refuses: the yaml-syntax fault
# quotes that line.
{
	printf 'kind: verksamhetsplan\n'
	printf 'id: "VP-KS\\e[2J\\e[3J\\e[H\\e]52;c;cm0gLXJmIH4=\\a\\u202egnp.exe\\x9b31m"  # \342\200\256 id\n'
	printf 'owner: ks\n'
	printf 'period: {from: 2026, to: 2028}\n'
	printf 'goals:\n'
	printf '  - {id: KS-1, title: "Snabba svar\\e[2J\\e[3J\\e[H", perspective: invanare, contributes_to: [KF-1]}\n'
	printf '  - {id: KS-2, title: "Fossilfria resor\\e]52;c;cm0gLXJmIH4=\\a", perspective: samhalle, contributes_to: [KF-2]}\n'
	printf '  - {id: KS-3, title: "Chefer \\u202eesrever\\u202c och \\u2066isolat\\u2069 <script>alert(1)</script>", perspective: medarbetare, contributes_to: [KF-3]}\n'
	printf '  - {id: KS-4, title: "Ramar \\x9b31m \\e]8;;https://evil.example/\\e\\\\l\\u00e4nk\\e]8;;\\e\\\\", perspective: ekonomi, contributes_to: [KF-4]}\n'
	printf '  - {id: KS-5, title: "Ensam\\e[5m\\u202e\\r\\ttext", perspective: ekonomi, contributes_to: []}\n'
} >planer/ks/verksamhetsplan.yaml
# Markup in a fullmäktigemål's title and a body's name (the matrix and the
# graph show them): for Markdown, HTML and Mermaid readers.
sed -e 's|^    title: Alla barn lyckas i skolan$|    title: "<script>alert(1)</script> \\e[2J"|' \
	flerarsplan.yaml >flerarsplan.tmp && mv flerarsplan.tmp flerarsplan.yaml
sed -e 's|{id: ks, name: Kommunstyrelsen,|{id: ks, name: "KS <img src=x onerror=alert(1)> \\e]52;c;aGk=\\a",|' \
	organisation.yaml >organisation.tmp && mv organisation.tmp organisation.yaml
if [ "${ESCAPES_RAW:-}" = 1 ]; then
	printf 'kind: verksamhetsplan\nx-not: "ok"\nx-raa: a\033[2J\033]52;c;aGk=\007 b\n' >planer/ks/anteckningar.yaml
fi
