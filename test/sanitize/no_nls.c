/*
 * no_nls.c — preloaded with the AddressSanitizer runtime by `make sanitize`
 * (KPI_ASAN=1).  With libasan preloaded, Debian 12's postgres deadlocks in
 * glibc's bindtextdomain() (on _nl_state_lock) before main() does anything
 * else.  The throwaway cluster runs in the C locale and needs no message
 * translations, so these two no-ops take glibc's place.
 */
char	   *bindtextdomain(const char *domainname, const char *dirname);
char	   *bind_textdomain_codeset(const char *domainname, const char *codeset);

char *
bindtextdomain(const char *domainname, const char *dirname)
{
	(void) domainname;
	return (char *) dirname;
}

char *
bind_textdomain_codeset(const char *domainname, const char *codeset)
{
	(void) domainname;
	return (char *) codeset;
}
