#!/usr/bin/env python3
"""Retrieves rendered images and thumbnails from a DICOMweb server with the pinned dicomweb-client, as a viewer does.

    scripts/dicomweb-rendered.py --url http://127.0.0.1:8080 --study S --series SE --instance I --out DIR \
        [--frames 1,2] [--param viewport=128,128 ...] [--authorization "Bearer x"]

Writes DIR/instance.png (instance rendered), DIR/frames-<k>.png (frames rendered, one file per part),
DIR/series-<k>.png (series rendered, one per part) and DIR/thumbnail.png (instance thumbnail), all as image/png;
prints one line per file. A multipart/related answer is split into its parts; a single image is written as it came.
Exits 1 with the server's message on an HTTP error.
"""
import argparse
import os
import sys

from dicomweb_client.api import DICOMwebClient
import requests


def parts(body):
    """The bodies of a multipart/related message (boundary read from its first line), or [body] when it is one image."""
    if not body.startswith(b"--"):
        return [body]
    boundary = body.split(b"\r\n", 1)[0]
    found = []
    for chunk in body.split(boundary)[1:]:
        if chunk.startswith(b"--"):
            break
        head, _, content = chunk.partition(b"\r\n\r\n")
        found.append(content[:-2] if content.endswith(b"\r\n") else content)
    return found


def main():
    parser = argparse.ArgumentParser()
    for name in ("--url", "--study", "--series", "--instance", "--out"):
        parser.add_argument(name, required=True)
    parser.add_argument("--frames", default="1")
    parser.add_argument("--param", action="append", default=[])
    parser.add_argument("--authorization")
    args = parser.parse_args()
    params = dict(p.split("=", 1) for p in args.param)
    headers = {"Authorization": args.authorization} if args.authorization else None
    client = DICOMwebClient(url=args.url, headers=headers)
    png = ("image/png",)
    os.makedirs(args.out, exist_ok=True)

    def write(name, body):
        for k, content in enumerate(parts(body)):
            path = os.path.join(args.out, name if name.endswith(".png") else f"{name}-{k}.png")
            with open(path, "wb") as f:
                f.write(content)
            print(path)

    try:
        write("instance.png", client.retrieve_instance_rendered(args.study, args.series, args.instance, media_types=png, params=params))
        frames = [int(n) for n in args.frames.split(",")]
        write("frames", client.retrieve_instance_frames_rendered(args.study, args.series, args.instance, frames, media_types=png, params=params))
        write("series", client.retrieve_series_rendered(args.study, args.series, media_types=png, params=params))
        # dicomweb-client has no thumbnail call: its session asks for the thumbnail resource the same way.
        url = f"{args.url}/studies/{args.study}/series/{args.series}/instances/{args.instance}/thumbnail"
        write("thumbnail.png", client._http_get_image(url, media_types=png, params=params))
    except requests.exceptions.HTTPError as error:
        print(f"HTTP {error.response.status_code}: {error.response.text.strip()}", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
