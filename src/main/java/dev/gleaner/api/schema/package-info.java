/** The API's wire shapes, named as the schemas of the OpenAPI document, and their mapping from the domain. */
@NullMarked
package dev.gleaner.api.schema;

import org.jspecify.annotations.NullMarked;
