# kpi — PGXS build.
#
#   make demo   build, install into a throwaway cluster, print the demo report
#   make report ... write the demo report as one HTML page with its charts
#               (report.html, or KPI_REPORT=path)
#   make test   build, install into a throwaway cluster, run every test
#   make bench  build, install into a throwaway cluster, run the benchmarks
#   make drivers  query kpi through ODBC, JDBC and psycopg2 (throwaway cluster)
#   make citus  every aggregate on a throwaway three-node Citus cluster, where
#               Citus is installed (test/citus/run; skipped where it is not)
#   make deb    build the Debian package postgresql-NN-kpi into dist/
#   make deb-check  build it, install it, test the installed package, remove it
#   make dist   PGXN archive dist/kpi-VERSION.zip (META.json)
#   make fuzz   ... throw random and edge input at everything (KPI_FUZZ_SECONDS)
#   make sanitize  the tests and a short fuzz on an ASan + UBSan build
#   make load   pgbench: 8 clients calling kpi for a minute (KPI_LOAD_SECONDS)
#   make psql   build, start a throwaway cluster with kpi and the demo loaded,
#               and open psql on it; quitting psql removes everything
#   make matrix  make test against PostgreSQL 13, 15, 17 and 18 (builds the
#               servers it lacks once; KPI_MATRIX_MAJORS, KPI_PG_CACHE)
#
# `make && make install && make installcheck` work as with any PGXS
# extension, against the server that PG_CONFIG points at.

EXTENSION  = kpi
EXTVERSION = 0.2.0

MODULE_big = kpi
OBJS       = $(patsubst %.c,%.o,$(sort $(wildcard src/*.c)))
PGFILEDESC = "kpi - KPI scoring for performance reports"

# Warnings are defects (CI adds -Werror).  The three -Wno- flags silence what
# PostgreSQL's own headers and the fmgr calling convention trigger.
PG_CFLAGS += -Wall -Wextra -Wno-unused-parameter -Wno-sign-compare -Wno-missing-field-initializers

# The install script of the current version is generated from one file per
# capability, in order; so is the upgrade script from the previous version
# (sql/updates/kpi--A--B/*.sql).  Released install scripts are frozen in
# sql/released/ and never edited (docs/safety.md, "Upgrades").
SQL_PARTS    = $(sort $(wildcard sql/parts/*.sql))
UPDATE_DIRS  = $(sort $(wildcard sql/updates/$(EXTENSION)--*--*))
UPDATE_SQL   = $(patsubst sql/updates/%,sql/%.sql,$(UPDATE_DIRS))
DATA_built   = sql/$(EXTENSION)--$(EXTVERSION).sql $(UPDATE_SQL)
DATA         = $(wildcard sql/released/*.sql)

# pg_regress: test/sql/*.sql against test/expected/*.out
REGRESS      = $(patsubst test/sql/%.sql,%,$(sort $(wildcard test/sql/*.sql)))
REGRESS_OPTS = --inputdir=test --load-extension=$(EXTENSION)

EXTRA_CLEAN = results regression.diffs regression.out

# Prefer the server's own pg_config (Debian puts it beside the server), of
# the highest major version: sort -V puts 16 after 9.6 (test/safety/makefile.sh).
PG_SERVER_ROOT ?= /usr/lib/postgresql
PG_CONFIG ?= $(lastword pg_config $(shell ls -d $(PG_SERVER_ROOT)/*/bin/pg_config 2>/dev/null | sort -V))
PGXS := $(shell $(PG_CONFIG) --pgxs 2>/dev/null)

ifneq ($(wildcard $(PGXS)),)
include $(PGXS)
else
all install installcheck:
	@echo "PGXS not found (is postgresql-server-dev-NN installed?)."
	@echo "'make test' and 'make demo' install what they need; see README.md."
	@exit 1
endif

sql/$(EXTENSION)--$(EXTVERSION).sql: $(SQL_PARTS)
	cat $^ > $@

.SECONDEXPANSION:
$(UPDATE_SQL): sql/%.sql: $$(sort $$(wildcard sql/updates/%/*.sql))
	cat $^ > $@

# Self-contained entry points: install missing Debian packages, build,
# install into a private copy of the server, run on a throwaway cluster.
.PHONY: test demo report bench fuzz sanitize load psql
test demo report bench fuzz sanitize load psql:
	@tools/kpi-run $@

# The whole suite against each major version (tools/kpi-matrix); servers
# that Debian 12 lacks are built from Debian's source packages and cached.
KPI_MATRIX_MAJORS ?= 13 15 17 18
.PHONY: matrix
matrix:
	@tools/kpi-matrix $(KPI_MATRIX_MAJORS)

# Debian package (postgresql-NN-kpi) built with pg_buildext into dist/;
# deb-check also installs it, tests the installed package and removes it.
.PHONY: deb deb-check drivers dist
deb:
	@tools/kpi-deb
deb-check:
	@tools/kpi-deb --check
# BI client drivers (ODBC, JDBC, psycopg2) against a throwaway cluster.
drivers:
	@tools/kpi-run drivers
# kpi on a throwaway three-node Citus cluster (test/citus/run), where Citus
# is installed for the server in use; says it is skipped where it is not.
.PHONY: citus
citus:
	@tools/kpi-run citus

# PGXN release archive (META.json at its top) from the committed HEAD.
dist:
	@mkdir -p dist
	git archive --format zip --prefix=$(EXTENSION)-$(EXTVERSION)/ -o dist/$(EXTENSION)-$(EXTVERSION).zip HEAD
	@echo "dist/$(EXTENSION)-$(EXTVERSION).zip"
