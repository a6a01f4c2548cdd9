package org.wormsign.format.proxy;

import static org.wormsign.format.FieldKind.*;

import org.wormsign.format.LinePlan;
import org.wormsign.format.PlanBuilder;

/**
 * Amazon S3's server access log (AWS, "Amazon S3 server access log format"), a plan like Apache's: fields
 * separated by spaces, the time as Apache's {@code %t}, the request line quoted.
 *
 * <pre>
 * bucket_owner bucket [time] remote_ip requester request_id operation key "request_uri" http_status error_code
 *     bytes_sent object_size total_time turn_around_time "referer" "user_agent" version_id host_id …
 * </pre>
 *
 * The target is the bucket, the site that was asked; everything after the status, to which AWS keeps adding
 * fields, is not read.
 */
public final class AwsS3Format {
    private AwsS3Format() {}

    public static final String NAME = "aws-s3";

    public static LinePlan compile() {
        PlanBuilder p = new PlanBuilder();
        p.field(SKIP).literal(' ').field(TARGET).literal(" [").field(TIME_APACHE).literal("] ").client("remote_ip", "remote_ip", 0, CLIENT);
        for (int k = 0; k < 4; k++) p.literal(' ').field(SKIP);
        p.literal(" \"").field(REQUEST).literal("\" ").field(STATUS).literal(' ').field(SKIP);
        return p.build(NAME, "bucket_owner bucket [time] remote_ip requester request_id operation key \"request_uri\" status …", null);
    }
}
