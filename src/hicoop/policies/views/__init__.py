"""Pages of the catalogue: public reading and search, editing for the joint office and the Hainan
S&T department, editions, "what applies to me" and citations."""
