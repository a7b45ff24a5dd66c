// libxml2 built with ICU includes the system <unicode/*.h>, whose UErrorCode clashes with Foundation's
// _FoundationICU copy in any module that imports both. Nianbao only walks the tree (xmlNode, xmlAttr) and never
// touches xmlCharEncodingHandler, the one struct whose layout depends on this macro.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
