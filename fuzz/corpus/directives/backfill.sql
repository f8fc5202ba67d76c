-- strata:backfill table=users key=id batch=10000 pause=5 max_rate=100
UPDATE users SET flag = true WHERE id > :lo AND id <= :hi;
-- strata:backfill table="Order Items" key=item_id batch=1
UPDATE "Order Items" SET x = 1 WHERE item_id > :lo AND item_id <= :hi;
