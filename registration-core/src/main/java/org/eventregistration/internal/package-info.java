/**
 * Implementation classes that are public only so that the library's own packages can share them.
 * <b>Not API</b>: they may change or disappear in any release.
 */
package org.eventregistration.internal;
