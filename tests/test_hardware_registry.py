"""The hardware registry API: lookup, resolution of user-typed names, hierarchy."""
from __future__ import annotations

import pytest

from kg.extract.hardware_registry import load_registry


@pytest.fixture(scope="module")
def reg():
    return load_registry()


def test_cached(reg):
    assert load_registry() is reg


@pytest.mark.parametrize("typed,canonical", [
    ("rtx4090", "NVIDIA RTX 4090"), ("4090", "NVIDIA RTX 4090"), ("GeForce RTX 4090", "NVIDIA RTX 4090"),
    ("H100 80GB", "NVIDIA H100"), ("A100-80GB", "NVIDIA A100"), ("a100", "NVIDIA A100"),
    ("Hopper", "NVIDIA Hopper"), ("nvidia", "NVIDIA GPU"), ("gpu", "GPU"), ("GPUs", "GPU"),
    ("tpu v4", "Google TPU v4"), ("TPUv5e", "Google TPU v5e"), ("Trillium", "Google TPU v6e"),
    ("jetson orin nano", "NVIDIA Jetson Orin Nano"), ("MI300X", "AMD Instinct MI300X"),
    ("SN40L", "SambaNova SN40L"), ("iphone 12", "Apple iPhone 12"), ("DGX A100", "NVIDIA DGX A100"),
    ("RTX A6000", "NVIDIA RTX A6000"), ("NVIDIA Hopper", "NVIDIA Hopper"),
])
def test_resolve(reg, typed, canonical):
    assert reg.resolve(typed) == canonical


def test_resolve_unknown(reg):
    assert reg.resolve("quantum toaster") is None
    assert reg.resolve("") is None


def test_get(reg):
    info = reg.get("NVIDIA A100")
    assert info is not None
    assert (info.vendor, info.hw_class, info.generation, info.year) == ("NVIDIA", "GPU", "NVIDIA Ampere", 2020)
    assert "A100" in info.aliases
    assert reg.get("NVIDIA A100 80GB") is None


def test_broader_chain(reg):
    assert reg.broader_chain("NVIDIA RTX 4090") == ["NVIDIA Ada", "NVIDIA GPU", "GPU"]
    assert reg.broader_chain("NVIDIA Hopper") == ["NVIDIA GPU", "GPU"]
    assert reg.broader_chain("GPU") == []


def test_nodes_hierarchy_is_closed(reg):
    names = {n.name for n in reg.nodes()}
    kinds = {n.kind for n in reg.nodes()}
    assert {"product", "generation", "group", "class"} <= kinds
    assert {"NVIDIA Hopper", "NVIDIA GPU", "GPU", "Google TPU v4"} <= names
    for n in reg.nodes():
        for b in n.broader:
            assert b in names, (n.name, b)


def test_coverage(reg):
    products = list(reg.products())
    assert len(products) > 400
    for name in ["NVIDIA B200", "NVIDIA GB200", "NVIDIA L40S", "NVIDIA RTX 5090", "Intel Gaudi 3",
                 "AWS Trainium2", "Cerebras WSE-3", "Groq LPU", "Huawei Ascend 910B", "Raspberry Pi 5",
                 "Espressif ESP32", "AMD Xilinx Alveo U280", "Intel Stratix 10", "Hailo-8", "Rockchip RK3588"]:
        assert reg.get(name) is not None, name
