using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Outreach.Telephony.Emulator;

/// <summary>Twilio's 2010-04-01 JSON shapes: snake_case fields, RFC 2822 dates, error bodies.</summary>
internal static class TwilioJson
{
    public const string ApiVersion = "2010-04-01";

    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public static string AccountUri(string accountSid) => $"/{ApiVersion}/Accounts/{accountSid}";

    public static string? Date(DateTimeOffset? value) =>
        value?.ToUniversalTime().ToString("ddd, dd MMM yyyy HH:mm:ss '+0000'", CultureInfo.InvariantCulture);

    public static JsonHttpResult<T> Json<T>(T body, int status = StatusCodes.Status200OK) =>
        TypedResults.Json(body, Options, contentType: "application/json", statusCode: status);

    public static JsonHttpResult<TwilioError> Error(int status, int code, string message) =>
        Json(new TwilioError(code, message, $"https://www.twilio.com/docs/errors/{code}", status), status);

    public static MessageJson Message(EmulatedMessage m)
    {
        var uri = $"{AccountUri(m.AccountSid)}/Messages/{m.Sid}.json";
        return new MessageJson(
            m.AccountSid, ApiVersion, m.Body, Date(m.DateCreated), Date(m.DateSent), Date(m.DateUpdated), m.Direction, m.ErrorCode, m.ErrorMessage,
            m.From, null, "0", m.Segments.ToString(CultureInfo.InvariantCulture), null, "USD", m.Sid, m.Status,
            new Dictionary<string, string> { ["media"] = $"{AccountUri(m.AccountSid)}/Messages/{m.Sid}/Media.json", ["feedback"] = $"{AccountUri(m.AccountSid)}/Messages/{m.Sid}/Feedback.json" },
            m.To, uri);
    }

    public static CallJson Call(EmulatedCall c)
    {
        var uri = $"{AccountUri(c.AccountSid)}/Calls/{c.Sid}.json";
        var sub = $"{AccountUri(c.AccountSid)}/Calls/{c.Sid}";
        return new CallJson(
            c.AccountSid, null, c.AnsweredBy, ApiVersion, null, Date(c.DateCreated), Date(c.DateUpdated), c.Direction,
            c.DurationSeconds?.ToString(CultureInfo.InvariantCulture), Date(c.EndTime), null, c.From, c.From, null, null, null, null, "USD", "0", c.Sid,
            Date(c.StartTime), c.Status,
            new Dictionary<string, string>
            {
                ["notifications"] = $"{sub}/Notifications.json",
                ["recordings"] = $"{sub}/Recordings.json",
                ["payments"] = $"{sub}/Payments.json",
                ["events"] = $"{sub}/Events.json",
                ["siprec"] = $"{sub}/Siprec.json",
                ["streams"] = $"{sub}/Streams.json",
                ["transcriptions"] = $"{sub}/Transcriptions.json",
                ["user_defined_message_subscriptions"] = $"{sub}/UserDefinedMessageSubscriptions.json",
                ["user_defined_messages"] = $"{sub}/UserDefinedMessages.json",
            },
            c.To, c.To, null, uri);
    }

    /// <summary>One page holding every match: Twilio's list envelope, the items under <paramref name="key"/> (messages, calls).</summary>
    public static Dictionary<string, object?> Page<T>(string key, string listUri, IReadOnlyList<T> items, int pageSize) => new(StringComparer.Ordinal)
    {
        [key] = items,
        ["end"] = Math.Max(0, items.Count - 1),
        ["first_page_uri"] = $"{listUri}?PageSize={pageSize}&Page=0",
        ["next_page_uri"] = null,
        ["page"] = 0,
        ["page_size"] = pageSize,
        ["previous_page_uri"] = null,
        ["start"] = 0,
        ["uri"] = $"{listUri}?PageSize={pageSize}&Page=0",
    };
}

/// <summary>Twilio's error body.</summary>
internal sealed record TwilioError(int Code, string Message, string MoreInfo, int Status);

internal sealed record MessageJson(
    string AccountSid, string ApiVersion, string Body, string? DateCreated, string? DateSent, string? DateUpdated, string Direction, int? ErrorCode,
    string? ErrorMessage, string From, string? MessagingServiceSid, string NumMedia, string NumSegments, string? Price, string PriceUnit, string Sid,
    string Status, Dictionary<string, string> SubresourceUris, string To, string Uri);

internal sealed record CallJson(
    string AccountSid, string? Annotation, string? AnsweredBy, string ApiVersion, string? CallerName, string? DateCreated, string? DateUpdated,
    string Direction, string? Duration, string? EndTime, string? ForwardedFrom, string From, string FromFormatted, string? GroupSid,
    string? ParentCallSid, string? PhoneNumberSid, string? Price, string PriceUnit, string QueueTime, string Sid, string? StartTime, string Status,
    Dictionary<string, string> SubresourceUris, string To, string ToFormatted, string? TrunkSid, string Uri);
