"""The Dutch typographic pass: quotes, dashes, ellipses and elisions, never inside code or SVG."""

import re
from types import SimpleNamespace

import markdown
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from plugins.nl_site.nl_site import finish_content
from plugins.nl_site.typography import DutchTypographyExtension, smarten, smarten_html


@pytest.mark.unit
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('Hij zei "hallo".', "Hij zei “hallo”."),
        ("'s avonds en 't is zo", "’s avonds en ’t is zo"),
        ("cv's en zo'n", "cv’s en zo’n"),
        ("een 'quote' hier", "een ‘quote’ hier"),
        ("nu -- of --- straks...", "nu – of — straks…"),
        ("al ’s avonds en cv’s", "al ’s avonds en cv’s"),  # typographic input survives intact
        ("de jaren '80 en '90", "de jaren ’80 en ’90"),
        ("'80 was een goed jaar", "’80 was een goed jaar"),
        ("Werk - privé: de balans", "Werk – privé: de balans"),
        ('"Volg je passie" - of niet?', "“Volg je passie” – of niet?"),
        ("'Volg je passie' blijkt misschien niet", "‘Volg je passie’ blijkt misschien niet"),
        ('Hij zei: "\'s avonds niet".', "Hij zei: “’s avonds niet”."),
        ("\"Zij zei 'nee' tegen mij.\"", "“Zij zei ‘nee’ tegen mij.”"),
        ("'\"Nee\", zei ze.'", "‘“Nee”, zei ze.’"),
        ('("haakjes") en ["blok"]', "(“haakjes”) en [“blok”]"),
        ("—'dash' en –\"dash\"", "—‘dash’ en –“dash”"),
        ('"...en toen" zei hij.', "“…en toen” zei hij."),
        ("De 'R&D'-afdeling", "De ‘R&D’-afdeling"),
        ("de jongens' fietsen", "de jongens’ fietsen"),
        ("rock 'n' roll", "rock ’n’ roll"),
        ("'s-Hertogenbosch en 't Gooi", "’s-Hertogenbosch en ’t Gooi"),
        ("zo'n 5'", "zo’n 5’"),
        ("2020-2025 en e-mail", "2020-2025 en e-mail"),  # hyphens without spaces stay
        ("een - aan het begin", "een – aan het begin"),
        ("daalde met -2,5% (-3 punten)", "daalde met −2,5% (−3 punten)"),
        ("-3 procent", "−3 procent"),
        ("en toen . . . niets", "en toen … niets"),
        ("een -- streep", "een – streep"),
    ],
)
def test_smarten(text, expected):
    assert smarten(text) == expected


@pytest.mark.unit
@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ('<p>"<em>nee</em>", zei ze.</p>', "<p>“<em>nee</em>”, zei ze.</p>"),
        ('<p>Ze zei "<em>nee</em>".</p>', "<p>Ze zei “<em>nee</em>”.</p>"),
        (
            "<p>'<strong>Heel</strong> goed', zei ze.</p>",
            "<p>‘<strong>Heel</strong> goed’, zei ze.</p>",
        ),
        ('<p>"<a href="/x">link</a>"</p>', '<p>“<a href="/x">link</a>”</p>'),
        ("<p><em>Jan</em>'s fiets en <a href='y'>cv</a>'s</p>", None),
        (
            '<p><em>"Nee"</em> en <strong>"ja"</strong></p>',
            "<p><em>“Nee”</em> en <strong>“ja”</strong></p>",
        ),
        ("<p><em>Werk</em> - privé</p>", "<p><em>Werk</em> – privé</p>"),
        ("<p>de jaren <strong>'80</strong></p>", "<p>de jaren <strong>’80</strong></p>"),
        ('<p>Gebruik <code>"x"</code> en "<code>y</code>".</p>', None),
        ("<ul><li>\"een\"</li><li>'twee'</li></ul>", "<ul><li>“een”</li><li>‘twee’</li></ul>"),
        ('<table><tr><td>a</td><td>"b"</td></tr></table>', None),
        ('<p>"Nee"<br>"Ja"</p>', "<p>“Nee”<br>“Ja”</p>"),
        ("<table><tr><td>-3,5%</td><td>2020-2025</td></tr></table>", None),
        ("<p>Zo&nbsp;\"vast\" en &#160;'nu'</p>", "<p>Zo&nbsp;“vast” en &#160;‘nu’</p>"),
        ("<p>werk&nbsp;- privé, &nbsp;-3</p>", "<p>werk&nbsp;– privé, &nbsp;−3</p>"),
        ("<p>Zie <kbd>Ctrl</kbd>-<kbd>C</kbd> - of 'iets'.</p>", None),
        ('<pre><code>x = "a" - \'b\' -- ...</code></pre><p>"c"</p>', None),
    ],
)
def test_smarten_html_across_inline_tags(html, expected):
    if expected is None:  # spelled out by character: the same HTML with curly quotes
        expected = (
            html.replace("'s", "’s")
            .replace('"<code>y</code>"', "“<code>y</code>”")
            .replace('<td>"b"</td>', "<td>“b”</td>")
            .replace("'iets'", "‘iets’")
            .replace("C</kbd> -", "C</kbd> –")
            .replace('<p>"c"</p>', "<p>“c”</p>")
            .replace("<td>-3", "<td>−3")
        )
        assert expected != html
    assert smarten_html(html) == expected


@pytest.mark.unit
def test_markdown_posts_and_titles_get_it():
    """Through Markdown, as a post is built: emphasis, links and code spans in the way."""
    text = (
        "\"*Nee*\", zei ze - en '[zo'n](/x \"titel\")' cv's `'code'` in de jaren '80.\n\n"
        "| Groei |\n|---|\n| -3,5% |"
    )
    html = markdown.markdown(text, extensions=["tables", DutchTypographyExtension()])
    assert html == (
        '<p>“<em>Nee</em>”, zei ze – en ‘<a href="/x" title="titel">zo’n</a>’ cv’s '
        "<code>'code'</code> in de jaren ’80.</p>\n<table>\n<thead>\n<tr>\n<th>Groei</th>\n"
        "</tr>\n</thead>\n<tbody>\n<tr>\n<td>−3,5%</td>\n</tr>\n</tbody>\n</table>"
    )
    post = SimpleNamespace(title='\'s Avonds "thuis" - of niet...', _content="<p>x</p>")
    finish_content(post)
    assert post.title == "’s Avonds “thuis” – of niet…"


@pytest.mark.unit
def test_html_tags_code_and_svg_are_left_alone():
    html = '<p>"a" <a href="x\'y" title="q">b</a> <code>\'s "x"</code></p><svg><text>"t"</text></svg><p>\'s</p>'
    assert (
        smarten_html(html)
        == '<p>“a” <a href="x\'y" title="q">b</a> <code>\'s "x"</code></p><svg><text>"t"</text></svg><p>’s</p>'
    )


def test_site_keeps_dutch_apostrophes(site):
    page = (site / "artikelen" / "stille-werkzoekenden.html").read_text(encoding="utf-8")
    assert "’s avonds" in page and "video’s" in page


# Properties, over a corpus of tricky snippets: the pass changes only the characters it
# should, never a tag or an attribute or code, and leaves every quote it opens closed.

CORPUS = [
    "<p>'s Avonds, 's ochtends en 't is zo'n dag; cv's en foto's, 'k weet 't.</p>",
    "<p>In de jaren '80 en '90 en in '08 en de '70s.</p>",
    "<p>\"Zij zei 'nee' tegen mij\", zei hij, \"en 's avonds 'ja'.\"</p>",
    "<p>'Hij zei \"<em>nooit</em>\" en ging', schreef ze.</p>",
    '<p>"<em>nee</em>", "<strong>ja</strong>" en "<a href="/x" title="a \'b\' &quot;c&quot;">'
    'misschien</a>".</p>',
    "<p><em>Jan</em>'s fiets, <a href=\"/cv\">cv</a>'s en <strong>zo</strong>'n ding.</p>",
    "<p>'<em>Kort</em>' en \"<strong><em>dubbel</em></strong>\" en \"<a href='q'>'s</a>\"</p>",
    "<p>Gebruik <code>'x' en \"y\" -- ...</code> en \"<code>z</code>\", en <kbd>'</kbd>'s.</p>",
    '<pre><code>print("a", \'b\') - 1 -- 2 ...</code></pre><p>"na de code"</p>',
    '<p><img src="a.png" alt="Hij zei \'ja\' en &quot;nee&quot;"> "onder"</p>',
    '<p><abbr title="Uitkering \'WW\'">WW</abbr>\'s en "<span class="x">span</span>"</p>',
    "<p>Werk - privé, 5 - 3, a -- b, a --- b, en toen... of . . . ook.</p>",
    "<table><tr><td>-3,5%</td><td>(-2)</td><td>2020-2025</td><td>e-mail -</td></tr></table>",
    '<p>"...en toen" - zei hij - "ging het mis..."</p>',
    '<blockquote><p>"Quote" - Greiff</p></blockquote><p>(\'haakjes\') en ["blok"]</p>',
    "<ul><li>\"een\"</li><li>'twee'</li></ul><table><tr><td>\"a\"</td><td>'b'</td></tr></table>",
    '<h2>\'s Avonds werken: "wel of niet"?</h2><p>Zo&nbsp;"vast" en &#160;\'nu\'</p>',
    '<svg><text>"t" - \'u\'</text></svg><script>var a = "b" - 1;</script><p>"x"</p>',
    "<p>Al “gekruld” en ‘gekruld’, ’s avonds en cv’s blijven zoals ze zijn.</p>",
]
SKIPPED = re.compile(r"<(code|pre|kbd|svg|script)\b[^>]*>.*?</\1>", re.S)
TAGS = re.compile(r"<[^>]*>")
CHANGED = str.maketrans("“”‘’–—−", "\"\"''---")


def _text(html):
    """The text between the tags, the skipped elements left out."""
    return TAGS.sub("", SKIPPED.sub("", html))


def _unchanged(text):
    """``text`` with the characters the pass may change mapped back to plain ones."""
    for many, one in (("---", "—"), ("--", "–"), ("...", "…"), (". . .", "…")):
        text = text.replace(many, one)
    return text.translate(CHANGED)


def _quotes_balance(text):
    """Every opening quote has its closing one, nested properly (’ may be an apostrophe)."""
    stack = []
    for i, char in enumerate(text):
        if char in "“‘":
            stack.append(char)
        elif char == "”":
            if not stack or stack.pop() != "“":
                return False
        elif char == "’" and stack and stack[-1] == "‘":
            after = text[i + 1 : i + 2]
            if not (after.isalnum() or (i and text[i - 1].isspace())):  # not cv’s, ’s
                stack.pop()
    return not stack


def check_properties(html):
    out = smarten_html(html)
    assert TAGS.findall(out) == TAGS.findall(html)  # tags and attributes byte-identical
    assert SKIPPED.findall(out) == SKIPPED.findall(html)
    assert [m.group() for m in SKIPPED.finditer(out)] == [m.group() for m in SKIPPED.finditer(html)]
    assert _unchanged(_text(out)) == _unchanged(_text(html))
    text = _text(out)
    assert "'" not in text and '"' not in text and "..." not in text and " - " not in text
    assert _quotes_balance(text), text
    return out


@pytest.mark.unit
@pytest.mark.parametrize("html", CORPUS)
def test_corpus_properties(html):
    check_properties(html)


@pytest.mark.unit
def test_corpus_properties_can_fail():
    """The checks catch a pass that turns a quote the wrong way or touches code."""
    assert not _quotes_balance("“nee“, zei ze")
    assert not _quotes_balance("‘nee")
    assert _quotes_balance("‘zo’n dag’ en ’s avonds")
    assert _unchanged("“<code>") != _unchanged("“<kbd>")


# Generated cases: snippets built from pieces whose right typography is known, so the
# whole expected output is known too.

WORDS = st.sampled_from(["werk", "passie", "Greiff", "loopbaan", "AI", "coach", "nee", "ja"])
APOSTROPHES = st.sampled_from(
    [
        ("'s avonds", "’s avonds"),
        ("'t is", "’t is"),
        ("zo'n", "zo’n"),
        ("cv's", "cv’s"),
        ("'80", "’80"),
        ("'k", "’k"),
        ("nou...", "nou…"),
        ("a -- b", "a – b"),
        ("-3,5%", "−3,5%"),
        ("2020-2025", "2020-2025"),
    ]
)
INLINE = st.sampled_from(["em", "strong", "a", "span", "abbr"])


def _plain(word):
    return (word, word)


def _wrapped(inner, tag):
    src, expected = inner
    opening = f'<{tag} href="/x" title="\'a\' &quot;b&quot;">' if tag == "a" else f"<{tag}>"
    return (f"{opening}{src}</{tag}>", f"{opening}{expected}</{tag}>")


def _quoted(kind):
    opening, closing = {"'": "‘’", '"': "“”"}[kind]

    def make(inner):
        src, expected = inner
        return (f"{kind}{src}{kind}", f"{opening}{expected}{closing}")

    return make


def _join(pieces, separators):
    src = [pieces[0][0]]
    expected = [pieces[0][1]]
    for piece, separator in zip(pieces[1:], separators, strict=False):
        src += [separator[0], piece[0]]
        expected += [separator[1], piece[1]]
    return ("".join(src), "".join(expected))


SEPARATORS = st.sampled_from([(" ", " "), (", ", ", "), (" - ", " – "), (": ", ": ")])


def _phrase(depth):
    piece = st.one_of(WORDS.map(_plain), APOSTROPHES)
    if depth:
        inner = _phrase(depth - 1)
        kind = "'" if depth % 2 else '"'
        piece = st.one_of(
            piece,
            st.builds(_wrapped, inner, INLINE),
            inner.map(_quoted(kind)),
            st.builds(_wrapped, inner.map(_quoted(kind)), INLINE),
        )
    return st.lists(piece, min_size=1, max_size=4).flatmap(
        lambda pieces: st.lists(SEPARATORS, min_size=len(pieces), max_size=len(pieces)).map(
            lambda separators: _join(pieces, separators)
        )
    )


@pytest.mark.unit
@settings(max_examples=300, deadline=None)
@given(_phrase(3), st.sampled_from(["p", "li", "h2", "td"]))
def test_generated_snippets(phrase, block):
    src, expected = phrase
    html = f"<{block}>{src}.</{block}><p>'s \"<code>x'</code>\"</p>"
    out = check_properties(html)
    assert out == f"<{block}>{expected}.</{block}><p>’s “<code>x'</code>”</p>"


def test_headings_balanced_and_paragraphs_pretty(site):
    """No single word hangs on a heading's last line; no orphan word ends a paragraph."""
    css = "\n".join(p.read_text(encoding="utf-8") for p in (site / "theme" / "css").glob("*.css"))
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    rules = {
        value: {s.strip() for s in selectors.split(",")}
        for selectors, value in re.findall(r"([^{}]+)\{[^}]*text-wrap:\s*(\w+)", css)
    }
    assert {"h1", "h2", "h3"} <= rules["balance"]
    assert "p" in rules["pretty"]
