"""A client that calls tmkit serve the way Weblate's tmserver machinery does.

It mirrors weblate/machinery/tmserver.py and base.py: the configured URL with trailing slashes
stripped, each part of the path quoted with nothing safe, `languages` with a trailing slash,
language codes mapped with `.replace("-", "_").lower()`, the text cut to 500 characters with
carriage returns as spaces, UTF-8 encoded, and matches below the threshold (75) dropped.

Usage: weblate_tmserver_client.py URL SOURCE_LANG TARGET_LANG TEXT
Prints {"languages": [[src, tgt], ...], "translations": [...]} as JSON.
"""
import json
import sys
import urllib.error
import urllib.request
from urllib.parse import quote

THRESHOLD = 75


class TMServerTranslation:
    name = "tmserver"

    def __init__(self, url):
        self.api_base_url = url.rstrip("/")

    def map_language_code(self, code):
        if code.endswith("_devel"):
            code = code[:-6]
        return code.replace("-", "_").lower()

    def get_api_url(self, *parts):
        return "/".join((self.api_base_url, *(quote(part, b"") for part in parts)))

    def request(self, url):
        req = urllib.request.Request(url, headers={"User-Agent": "Weblate/5.0", "Accept": "application/json"})
        with urllib.request.urlopen(req, timeout=30) as response:
            return json.loads(response.read().decode("utf-8"))

    def download_languages(self):
        try:
            data = self.request(self.get_api_url("languages", ""))
        except urllib.error.HTTPError as error:
            if error.code == 404:
                return []
            raise
        return [(src, tgt) for src in data["sourceLanguages"] for tgt in data["targetLanguages"]]

    def download_translations(self, source_language, target_language, text, threshold=THRESHOLD):
        url = self.get_api_url(
            self.map_language_code(source_language),
            self.map_language_code(target_language),
            "unit",
            text[:500].replace("\r", " ").encode(),
        )
        for line in self.request(url):
            quality = int(line["quality"])
            if quality < threshold:
                continue
            yield {"text": line["target"], "quality": quality, "service": self.name, "source": line["source"]}


if __name__ == "__main__":
    url, src, tgt, text = sys.argv[1:5]
    machine = TMServerTranslation(url)
    try:
        result = {"languages": machine.download_languages(),
                  "translations": list(machine.download_translations(src, tgt, text))}
    except urllib.error.HTTPError as error:
        result = {"error": error.code}
    print(json.dumps(result, ensure_ascii=False))
