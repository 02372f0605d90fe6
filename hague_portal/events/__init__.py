"""What happens to an application after filing, as one stream of events (issue 21).

A service that changes an application records one `Event` in the same transaction as the change
(`event_record`) and nothing else. The audit trail and the timeline read the events; the other
readers are consumers (`registry.Consumer`): notifications (inbox and e-mail), webhooks, the
workbench's state column, and the examination's own follow-ups. Each declares the kinds it
handles; a `Delivery` row per consumer is written with the event, and the consumer is run once
(claimed with a conditional UPDATE), again by beat if it failed. See docs/architecture.md.
"""
