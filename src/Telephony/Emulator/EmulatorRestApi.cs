using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Primitives;
using Outreach.Telephony.Messaging;

namespace Outreach.Telephony.Emulator;

/// <summary>The Twilio-compatible REST subset: Messages.json and Calls.json (create, fetch, list, update).</summary>
internal static partial class EmulatorRestApi
{
    private const int MaxBodyLength = 1600;

    public static void MapEmulatorRestApi(this IEndpointRouteBuilder endpoints)
    {
        // Anonymous to the host's authentication: Twilio's own Basic auth (AccountSid:AuthToken) guards it instead.
        var account = endpoints.MapGroup($"/emulator/{TwilioJson.ApiVersion}/Accounts/{{accountSid}}")
            .AllowAnonymous()
            .DisableAntiforgery()
            .ExcludeFromDescription()
            .AddEndpointFilter<EmulatorBasicAuthFilter>()
            .AddEndpointFilter<EmulatorFaultFilter>();

        account.MapPost("/Messages.json", CreateMessageAsync);
        account.MapGet("/Messages.json", ListMessages);
        account.MapGet("/Messages/{sid}.json", FetchMessage);
        account.MapPost("/Messages/{sid}.json", UpdateMessageAsync);
        account.MapPost("/Calls.json", CreateCallAsync);
        account.MapGet("/Calls.json", ListCalls);
        account.MapGet("/Calls/{sid}.json", FetchCall);
        account.MapPost("/Calls/{sid}.json", UpdateCallAsync);
    }

    [GeneratedRegex(@"^\+[1-9]\d{6,14}$")]
    internal static partial Regex E164();

    private static async Task<IResult> CreateMessageAsync(
        string accountSid, HttpRequest request, EmulatorStore store, MessageDelivery delivery, TimeProvider time, CancellationToken cancellationToken)
    {
        var form = await request.ReadFormAsync(cancellationToken);
        string to = form["To"].ToString(), from = form["From"].ToString(), body = form["Body"].ToString();
        if (to.Length == 0)
        {
            return TwilioJson.Error(400, 21604, "A 'To' phone number is required.");
        }

        if (from.Length == 0 && form["MessagingServiceSid"].Count == 0)
        {
            return TwilioJson.Error(400, 21603, "A 'From' phone number is required.");
        }

        if (body.Length == 0)
        {
            return TwilioJson.Error(400, 21602, "Message body is required.");
        }

        if (body.Length > MaxBodyLength)
        {
            return TwilioJson.Error(400, 21617, "The concatenated message body exceeds the 1600 character limit.");
        }

        if (!E164().IsMatch(to))
        {
            return TwilioJson.Error(400, 21211, $"Invalid 'To' Phone Number: {to}");
        }

        switch (store.BehaviourOf(to).Answer)
        {
            case PhoneAnswer.Landline:
                return TwilioJson.Error(400, 21614, $"'To' number {to} is not a valid mobile number");
            case PhoneAnswer.Unsubscribed:
                return TwilioJson.Error(400, 21610, "Attempt to send to unsubscribed recipient");
        }

        var now = time.GetUtcNow();
        var message = new EmulatedMessage(
            TwilioSid.New("SM"), accountSid, from, to, body, "outbound-api", "queued", SmsSegments.Measure(body).Segments, UriOrNull(form["StatusCallback"]), now, now);
        store.Add(message, to);
        delivery.Enqueue(message.Sid);
        return TwilioJson.Json(TwilioJson.Message(message), StatusCodes.Status201Created);
    }

    private static JsonHttpResult<Dictionary<string, object?>> ListMessages(string accountSid, EmulatorStore store, HttpRequest request) =>
        ListPage(request, "messages", $"{TwilioJson.AccountUri(accountSid)}/Messages.json", store.MessagesOf, store.Messages, m => (m.To, m.From, m.DateCreated), TwilioJson.Message);

    private static IResult FetchMessage(string accountSid, string sid, EmulatorStore store, HttpRequest request) =>
        store.Message(sid) is { } message ? TwilioJson.Json(TwilioJson.Message(message)) : NotFound(request);

    private static async Task<IResult> UpdateMessageAsync(string accountSid, string sid, HttpRequest request, EmulatorStore store, TimeProvider time, CancellationToken cancellationToken)
    {
        if (store.Message(sid) is null)
        {
            return NotFound(request);
        }

        var form = await request.ReadFormAsync(cancellationToken);
        var now = time.GetUtcNow();
        var updated = store.Update(sid, m => m with
        {
            Body = form.ContainsKey("Body") ? form["Body"].ToString() : m.Body,
            Status = form["Status"] == "canceled" && m.Status is "queued" or "scheduled" ? "canceled" : m.Status,
            DateUpdated = now,
        });
        return TwilioJson.Json(TwilioJson.Message(updated));
    }

    private static async Task<IResult> CreateCallAsync(
        string accountSid, HttpRequest request, EmulatorStore store, CallRunner runner, TimeProvider time, CancellationToken cancellationToken)
    {
        var form = await request.ReadFormAsync(cancellationToken);
        string to = form["To"].ToString(), from = form["From"].ToString();
        if (to.Length == 0)
        {
            return TwilioJson.Error(400, 21201, "No 'To' number is specified");
        }

        if (from.Length == 0)
        {
            return TwilioJson.Error(400, 21213, "No 'From' number is specified");
        }

        if (!E164().IsMatch(to))
        {
            return TwilioJson.Error(400, 21211, $"Invalid 'To' Phone Number: {to}");
        }

        var url = UriOrNull(form["Url"]);
        var twiml = form["Twiml"].ToString();
        if (url is null && twiml.Length == 0)
        {
            return TwilioJson.Error(400, 21205, "Url parameter is required.");
        }

        var statusCallback = UriOrNull(form["StatusCallback"]);
        var events = form["StatusCallbackEvent"].SelectMany(e => (e ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToHashSet(StringComparer.Ordinal);
        var call = new EmulatedCall
        {
            Sid = TwilioSid.New("CA"),
            AccountSid = accountSid,
            From = from,
            To = to,
            Direction = "outbound-api",
            Url = url,
            Twiml = twiml.Length == 0 ? null : twiml,
            StatusCallback = statusCallback,
            StatusCallbackEvents = events.Count == 0 ? new HashSet<string>(["completed"], StringComparer.Ordinal) : events,
            DetectsMachine = form["MachineDetection"].ToString() is "Enable" or "DetectMessageEnd",
            AmdCallback = form["AsyncAmd"] == "true" ? UriOrNull(form["AsyncAmdStatusCallback"]) : null,
            RingTimeout = TimeSpan.FromSeconds(ParsedInt(form["Timeout"]) ?? 60),
            DateCreated = time.GetUtcNow(),
        };
        call.SetStatus("queued", call.DateCreated);
        store.Add(call, to);
        runner.Start(call);
        return TwilioJson.Json(TwilioJson.Call(call), StatusCodes.Status201Created);
    }

    private static JsonHttpResult<Dictionary<string, object?>> ListCalls(string accountSid, EmulatorStore store, HttpRequest request) =>
        ListPage(request, "calls", $"{TwilioJson.AccountUri(accountSid)}/Calls.json", store.CallsOf, store.Calls, c => (c.To, c.From, c.DateCreated), TwilioJson.Call);

    /// <summary>One page, newest first, filtered by the To and From query parameters Twilio's list APIs take.</summary>
    private static JsonHttpResult<Dictionary<string, object?>> ListPage<T, TJson>(
        HttpRequest request, string key, string listUri, Func<string, IEnumerable<T>> ofPhone, IEnumerable<T> all, Func<T, (string To, string From, DateTimeOffset Created)> describe, Func<T, TJson> toJson)
    {
        string to = request.Query["To"].ToString(), from = request.Query["From"].ToString();
        var size = Math.Clamp(ParsedInt(request.Query["PageSize"]) ?? 50, 1, 1000);
        var source = to.Length > 0 ? ofPhone(to) : from.Length > 0 ? ofPhone(from) : all;
        var page = source
            .Select(item => (Item: item, Facts: describe(item)))
            .Where(x => (to.Length == 0 || x.Facts.To == to) && (from.Length == 0 || x.Facts.From == from))
            .OrderByDescending(x => x.Facts.Created)
            .Take(size)
            .Select(x => toJson(x.Item))
            .ToList();
        return TwilioJson.Json(TwilioJson.Page(key, listUri, page, size));
    }

    private static IResult FetchCall(string accountSid, string sid, EmulatorStore store, HttpRequest request) =>
        store.Call(sid) is { } call ? TwilioJson.Json(TwilioJson.Call(call)) : NotFound(request);

    private static async Task<IResult> UpdateCallAsync(string accountSid, string sid, HttpRequest request, EmulatorStore store, TimeProvider time, CancellationToken cancellationToken)
    {
        if (store.Call(sid) is not { } call)
        {
            return NotFound(request);
        }

        var form = await request.ReadFormAsync(cancellationToken);
        if (call.IsFinished)
        {
            return TwilioJson.Error(400, 21220, "Call is not in-progress. Cannot redirect.");
        }

        if (form["Status"].ToString() is "completed" or "canceled")
        {
            call.Pickup.TrySetResult(false);
            call.RequestHangup();
        }
        else if (form["Twiml"].ToString() is { Length: > 0 } twiml)
        {
            call.Redirect(twiml);
        }
        else if (UriOrNull(form["Url"]) is { } url)
        {
            call.Redirect(url);
        }

        call.SetStatus(call.Status, time.GetUtcNow());
        return TwilioJson.Json(TwilioJson.Call(call));
    }

    private static JsonHttpResult<TwilioError> NotFound(HttpRequest request) =>
        TwilioJson.Error(404, 20404, $"The requested resource {request.Path.ToString().Replace("/emulator", string.Empty, StringComparison.Ordinal)} was not found");

    private static Uri? UriOrNull(StringValues value) => Uri.TryCreate(value.ToString(), UriKind.Absolute, out var uri) ? uri : null;

    private static int? ParsedInt(StringValues value) => int.TryParse(value.ToString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) ? parsed : null;
}
