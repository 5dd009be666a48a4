namespace Outreach.Telephony.Messaging;

/// <summary>
/// How an SMS body is encoded and billed: GSM-7 (160 per single, 153 per concatenated segment; the
/// extension table costs two septets) or UCS-2 (70 / 67 UTF-16 code units, as Chinese text needs).
/// </summary>
public static class SmsSegments
{
    private const string Gsm7Basic =
        "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u001BÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

    private const string Gsm7Extension = "^{}\\[~]|€\f";

    public static SmsEncoding Measure(string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var septets = 0;
        foreach (var c in body)
        {
            if (Gsm7Basic.Contains(c, StringComparison.Ordinal))
            {
                septets += 1;
            }
            else if (Gsm7Extension.Contains(c, StringComparison.Ordinal))
            {
                septets += 2;
            }
            else
            {
                return Ucs2(body);
            }
        }

        var segments = septets <= 160 ? 1 : (int)Math.Ceiling(septets / 153.0);
        return new SmsEncoding("GSM-7", body.Length, body.Length == 0 ? 0 : segments);
    }

    private static SmsEncoding Ucs2(string body)
    {
        var units = body.Length;
        var segments = units <= 70 ? 1 : (int)Math.Ceiling(units / 67.0);
        return new SmsEncoding("UCS-2", units, segments);
    }
}
