"""The fuzz suite: every entrance of govmodel against structured mutations and random bytes.

:mod:`tests.fuzz._engine` holds the entrances, the mutations and the contract;
:mod:`tests.fuzz._known` the open bugs the fuzzer found; ``regressions/`` the inputs that
once broke the contract, replayed by ``test_regressions.py``. The atheris harnesses in
``fuzz/`` at the root of the repository drive the same engine for long campaigns.
"""
