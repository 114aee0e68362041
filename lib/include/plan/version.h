/* plan/version.h: the toolkit's version, as --version prints it. */
#ifndef PLAN_VERSION_H
#define PLAN_VERSION_H

/* "0.1.0": static storage. */
const char *plan_version(void);

#endif
