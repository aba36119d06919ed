#!/usr/bin/env python3
"""The seed corpus of the 'content' fuzz target, and the known answer of ContentFormatVectorTests,
made from the written format (docs/security.md, "Content at rest") by an implementation independent
of the server's: Python's hmac and the cryptography package's AESGCM.

Usage: python3 fuzz/make-content-corpus.py fuzz/corpus/content
"""
import hashlib
import hmac
import os
import struct
import sys
import uuid

from cryptography.hazmat.primitives.ciphers.aead import AESGCM

MASTER_KEY = bytes(range(1, 33))  # the harness's fixed key (ContentTarget.MasterKey)
TENANT, KIND = "contoso", "chat"
CONTAINER, RECORD = "0b6c3a9e-45d2-4f31-9a57-1f0c2f8c7e11", "5f1b8a2d-6c3e-4d7a-8b9f-2e4a6c8d0f13"


def text(value):
    encoded = value.encode("utf-16-le", "surrogatepass")
    return struct.pack(">i", len(encoded)) + encoded


def container_key(tenant, kind, container):
    info = b"conclave-content-key-v1" + text(tenant) + text(kind) + uuid.UUID(container).bytes
    prk = hmac.new(b"", MASTER_KEY, hashlib.sha256).digest()  # RFC 5869 §2.2, no salt
    return hmac.new(prk, info + b"\x01", hashlib.sha256).digest()  # §2.3, one block of output


def protect(plaintext, nonce):
    associated = (b"conclave-content-record-v1" + b"\x01" + text(TENANT) + text(KIND)
                  + uuid.UUID(CONTAINER).bytes + uuid.UUID(RECORD).bytes)
    return b"\x01" + nonce + AESGCM(container_key(TENANT, KIND, CONTAINER)).encrypt(nonce, plaintext, associated)


def main(folder):
    os.makedirs(folder, exist_ok=True)
    seeds = {
        "empty.bin": b"",
        "hello.bin": "Hello, Conclave.".encode(),
        "utf8-body.bin": "Réunion à 10 h — ok? ✓".encode(),
        "body-300.bin": bytes((i * 7) & 0xFF for i in range(300)),
    }
    for i, (name, plaintext) in enumerate(seeds.items()):
        with open(os.path.join(folder, name), "wb") as f:
            f.write(protect(plaintext, bytes([0xA0 + i] * 12)))
    print("known answer:", protect("Hello, Conclave.".encode(), bytes(range(0xB0, 0xBC))).hex())


if __name__ == "__main__":
    main(sys.argv[1])
