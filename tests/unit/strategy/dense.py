"""A deliberately dense test strategy: several steps due at once, to exercise the guards."""

from __future__ import annotations

from vorder.core.strategy import Strategy, parse_strategy_text

DENSE_YAML = """
name: dense
version: 3
title: {nl: Dicht op elkaar, en: Dense}
phases:
  - phase: in_house
    steps:
      - id: m1
        trigger: {type: due_date, days: 0}
        action: {type: send_message, channel: email, template: m1, tone: friendly}
      - id: m2
        trigger: {type: previous_step, days: 0}
        action: {type: send_message, channel: sms, template: m2, tone: neutral}
      - id: m3
        trigger: {type: previous_step, days: 0}
        same_day: true
        action: {type: send_message, channel: post, template: m3, tone: firm}
      - id: call
        trigger: {type: previous_step, days: 0}
        action: {type: create_call_task, script: bellen}
      - id: late
        trigger: {type: previous_step, days: 1, count: business}
        at: "19:45"
        action: {type: send_message, channel: email, template: late, tone: neutral}
  - phase: amicable
    steps:
      - id: letter
        trigger: {type: previous_step, days: 0}
        action: {type: send_14_day_letter, channel: email}
      - id: costs
        trigger: {type: previous_step, days: 0}
        action: {type: charge_collection_costs}
      - id: after
        trigger: {type: previous_step, days: 0}
        combine: false
        action: {type: send_message, channel: email, template: after, tone: firm}
      - id: wo
        trigger: {type: previous_step, days: 3}
        action: {type: write_off}
"""

DENSE: Strategy = parse_strategy_text(DENSE_YAML)
