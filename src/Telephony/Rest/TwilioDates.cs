namespace Outreach.Telephony.Rest;

/// <summary>Twilio's dates are UTC; the SDK may hand them back as Local or Unspecified kinds.</summary>
internal static class TwilioDates
{
    public static DateTimeOffset? AsUtc(DateTime? value) => value switch
    {
        null => null,
        { Kind: DateTimeKind.Local } local => new DateTimeOffset(local.ToUniversalTime(), TimeSpan.Zero),
        { } other => new DateTimeOffset(DateTime.SpecifyKind(other, DateTimeKind.Utc), TimeSpan.Zero),
    };
}
