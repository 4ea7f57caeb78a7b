"""The images plugin finds <img> tags with a real HTML parser and splices only their spans."""

from plugins.images.img_tags import find_images, splice


def test_an_image_alone_in_its_paragraph_takes_the_paragraph():
    html = '<p>Intro</p>\n<p>\n  <img alt="Zaal" src="images/zaal.jpg">\n</p>\n<p>Slot</p>'
    (image,) = find_images(html)
    assert image.alone
    assert html[image.start : image.end].startswith("<p>") and html[image.end :] == "\n<p>Slot</p>"
    assert image.attrs == {"alt": "Zaal", "src": "images/zaal.jpg"}


def test_an_image_inside_a_sentence_is_only_the_tag():
    html = '<p>Kijk <img src="a.png" alt="a"/> hier.</p>'
    (image,) = find_images(html)
    assert not image.alone
    assert html[image.start : image.end] == '<img src="a.png" alt="a"/>'


def test_a_greater_than_sign_in_an_attribute_does_not_end_the_tag():
    html = '<p><img alt="groei > 5%" title="a &quot;b&quot;" src="g.png"></p>'
    (image,) = find_images(html)
    assert image.alone and (image.start, image.end) == (0, len(html))
    assert image.attrs["alt"] == "groei > 5%" and image.attrs["title"] == 'a "b"'


def test_images_in_comments_and_code_are_not_images():
    html = '<!-- <img src="oud.png"> -->\n<pre><code>&lt;img src="x.png"&gt;</code></pre>'
    assert find_images(html) == []


def test_splice_keeps_every_other_byte():
    html = '<!-- a > b --><p>één <img src="a.png" alt=""> twee</p><p><img src="b.png"></p>\n'
    images = find_images(html)
    assert [i.alone for i in images] == [False, True]
    out = splice(html, images, lambda i: "<figure/>" if i.alone else "[img]")
    assert out == "<!-- a > b --><p>één [img] twee</p><figure/>\n"
    assert splice(html, images, lambda i: None) == html
