-- A small shop for the compose stack: the source database `shop` and the warehouse database `analytics`.
CREATE DATABASE analytics;
CREATE TABLE public.customers (id bigint PRIMARY KEY, name text NOT NULL, email text,
  updated_at timestamptz NOT NULL DEFAULT now(), deleted_at timestamptz);
CREATE TABLE public.orders (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), customer_id bigint NOT NULL,
  status text NOT NULL, total numeric(12,2) NOT NULL, updated_at timestamptz NOT NULL DEFAULT now(), deleted_at timestamptz);
INSERT INTO public.customers (id, name, email) SELECT g, 'Customer ' || g, 'c' || g || '@example.com' FROM generate_series(1, 1000) g;
INSERT INTO public.orders (customer_id, status, total) SELECT 1 + g % 1000, 'new', g % 500 + 0.99 FROM generate_series(1, 10000) g;
