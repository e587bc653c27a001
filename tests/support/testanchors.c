#include "testanchors.h"

#include <stdlib.h>

#include "testutil.h"

wrp_anchors *tu_anchors_from_file(const char *path)
{
    size_t len = 0;
    uint8_t *data = tu_read_file(path, &len);
    wrp_anchors *a = data != NULL ? wrp_anchors_new() : NULL;
    if (a != NULL && wrp_anchors_add(a, data, len, NULL) != WRP_OK) {
        wrp_anchors_free(a);
        a = NULL;
    }
    free(data);
    return a;
}
