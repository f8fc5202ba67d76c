/* outer /* nested; */ still a comment; */
SELECT 1 /* trailing */ ; ;
SELECT "semi;colon" FROM "t""x";
-- only a comment at the end
