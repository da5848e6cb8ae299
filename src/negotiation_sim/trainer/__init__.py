"""Trainer tools: explore a scenario headless, draw it, start new content, run scenario tests.

Pure logic over the content, the engine and the scoring; the commands in `negotiation_sim.commands`
(`explore`, `graph`, `new`, `test`) print what these modules compute.
"""
