"""The image checks the content guard runs on every post: inline images and the hero image."""

from pathlib import Path

from .rules import DECORATIVE, ImageRef, alt_problem, find_images
from .sources import image_problems


def line_problems(line, post_path, content):
    """Dutch messages for the images written on one line of the post at ``post_path``."""
    folder = Path(post_path).parent.relative_to(content).as_posix()
    folder = "" if folder == "." else folder
    return [m for ref in find_images(line) for m in image_problems(ref, folder, content)]


def hero_problems(fields, content):
    """(field, message) pairs for the Image and Image_alt metadata of a post.

    ``fields`` maps a lower-case metadata key to its value; the path in ``Image`` is relative to
    the content folder (``images/foto.jpg``).
    """
    image, alt = fields.get("image", ""), fields.get("image_alt", "")
    if not image:
        if alt:
            return [
                (
                    "image_alt",
                    "Image_alt staat er, maar Image ontbreekt; noem de foto in "
                    "'Image: images/naam.jpg' of haal Image_alt weg",
                )
            ]
        return []
    target = "/" + image.lstrip("/")
    out = []
    if not alt:
        out.append(
            (
                "image",
                "Image heeft geen beschrijving; voeg een regel 'Image_alt: ...' toe die zegt "
                "wat er op de foto staat",
            )
        )
    elif alt_problem(ImageRef(alt, target)):
        out.append(("image_alt", alt_problem(ImageRef(alt, target))))
    # The alt text is judged above; here only the file.
    return out + [("image", m) for m in image_problems(ImageRef(DECORATIVE, target), "", content)]
