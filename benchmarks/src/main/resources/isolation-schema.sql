-- The schema of IsolationBenchmark: 20 tables of the same shape; each even table refers to the odd one before it,
-- so that DELETE must go children first and TRUNCATE must name them together, as in a real schema.
CREATE TABLE bench_t01 (
    id BIGSERIAL PRIMARY KEY,
    tag VARCHAR(40) NOT NULL,
    name VARCHAR(100) NOT NULL,
    amount INTEGER NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE TABLE bench_t02 (
    id BIGSERIAL PRIMARY KEY,
    tag VARCHAR(40) NOT NULL,
    name VARCHAR(100) NOT NULL,
    amount INTEGER NOT NULL,
    created_at TIMESTAMP NOT NULL,
    parent_id BIGINT REFERENCES bench_t01 (id)
);
CREATE TABLE bench_t03 (
    id BIGSERIAL PRIMARY KEY,
    tag VARCHAR(40) NOT NULL,
    name VARCHAR(100) NOT NULL,
    amount INTEGER NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE TABLE bench_t04 (
    id BIGSERIAL PRIMARY KEY,
    tag VARCHAR(40) NOT NULL,
    name VARCHAR(100) NOT NULL,
    amount INTEGER NOT NULL,
    created_at TIMESTAMP NOT NULL,
    parent_id BIGINT REFERENCES bench_t03 (id)
);
CREATE TABLE bench_t05 (
    id BIGSERIAL PRIMARY KEY,
    tag VARCHAR(40) NOT NULL,
    name VARCHAR(100) NOT NULL,
    amount INTEGER NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE TABLE bench_t06 (
    id BIGSERIAL PRIMARY KEY,
    tag VARCHAR(40) NOT NULL,
    name VARCHAR(100) NOT NULL,
    amount INTEGER NOT NULL,
    created_at TIMESTAMP NOT NULL,
    parent_id BIGINT REFERENCES bench_t05 (id)
);
CREATE TABLE bench_t07 (
    id BIGSERIAL PRIMARY KEY,
    tag VARCHAR(40) NOT NULL,
    name VARCHAR(100) NOT NULL,
    amount INTEGER NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE TABLE bench_t08 (
    id BIGSERIAL PRIMARY KEY,
    tag VARCHAR(40) NOT NULL,
    name VARCHAR(100) NOT NULL,
    amount INTEGER NOT NULL,
    created_at TIMESTAMP NOT NULL,
    parent_id BIGINT REFERENCES bench_t07 (id)
);
CREATE TABLE bench_t09 (
    id BIGSERIAL PRIMARY KEY,
    tag VARCHAR(40) NOT NULL,
    name VARCHAR(100) NOT NULL,
    amount INTEGER NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE TABLE bench_t10 (
    id BIGSERIAL PRIMARY KEY,
    tag VARCHAR(40) NOT NULL,
    name VARCHAR(100) NOT NULL,
    amount INTEGER NOT NULL,
    created_at TIMESTAMP NOT NULL,
    parent_id BIGINT REFERENCES bench_t09 (id)
);
CREATE TABLE bench_t11 (
    id BIGSERIAL PRIMARY KEY,
    tag VARCHAR(40) NOT NULL,
    name VARCHAR(100) NOT NULL,
    amount INTEGER NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE TABLE bench_t12 (
    id BIGSERIAL PRIMARY KEY,
    tag VARCHAR(40) NOT NULL,
    name VARCHAR(100) NOT NULL,
    amount INTEGER NOT NULL,
    created_at TIMESTAMP NOT NULL,
    parent_id BIGINT REFERENCES bench_t11 (id)
);
CREATE TABLE bench_t13 (
    id BIGSERIAL PRIMARY KEY,
    tag VARCHAR(40) NOT NULL,
    name VARCHAR(100) NOT NULL,
    amount INTEGER NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE TABLE bench_t14 (
    id BIGSERIAL PRIMARY KEY,
    tag VARCHAR(40) NOT NULL,
    name VARCHAR(100) NOT NULL,
    amount INTEGER NOT NULL,
    created_at TIMESTAMP NOT NULL,
    parent_id BIGINT REFERENCES bench_t13 (id)
);
CREATE TABLE bench_t15 (
    id BIGSERIAL PRIMARY KEY,
    tag VARCHAR(40) NOT NULL,
    name VARCHAR(100) NOT NULL,
    amount INTEGER NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE TABLE bench_t16 (
    id BIGSERIAL PRIMARY KEY,
    tag VARCHAR(40) NOT NULL,
    name VARCHAR(100) NOT NULL,
    amount INTEGER NOT NULL,
    created_at TIMESTAMP NOT NULL,
    parent_id BIGINT REFERENCES bench_t15 (id)
);
CREATE TABLE bench_t17 (
    id BIGSERIAL PRIMARY KEY,
    tag VARCHAR(40) NOT NULL,
    name VARCHAR(100) NOT NULL,
    amount INTEGER NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE TABLE bench_t18 (
    id BIGSERIAL PRIMARY KEY,
    tag VARCHAR(40) NOT NULL,
    name VARCHAR(100) NOT NULL,
    amount INTEGER NOT NULL,
    created_at TIMESTAMP NOT NULL,
    parent_id BIGINT REFERENCES bench_t17 (id)
);
CREATE TABLE bench_t19 (
    id BIGSERIAL PRIMARY KEY,
    tag VARCHAR(40) NOT NULL,
    name VARCHAR(100) NOT NULL,
    amount INTEGER NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE TABLE bench_t20 (
    id BIGSERIAL PRIMARY KEY,
    tag VARCHAR(40) NOT NULL,
    name VARCHAR(100) NOT NULL,
    amount INTEGER NOT NULL,
    created_at TIMESTAMP NOT NULL,
    parent_id BIGINT REFERENCES bench_t19 (id)
);
