-- A sale asks for its meter's latest operation of one kind (the last relay command, before it
-- writes a card): by the meter alone that walked every operation of the meter back to it, one row
-- per earlier sale (0.13 ms a sale on a meter with 1,500). By the meter and the kind it is one
-- probe per kind asked. Nothing else reads operations by meter, so the new index replaces the old.
DROP INDEX device_operations_meter;
CREATE INDEX device_operations_meter_kind ON device_operations (meter_id, kind, id);
