using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using Outreach.Telephony.Messaging;
using Outreach.Telephony.Webhooks;

namespace Outreach.Telephony.Emulator;

/// <summary>
/// The residents' side of the emulator: text or call the community number, read what arrived, answer calls,
/// set a phone's behaviour, inject faults, and the resident-phone page.
/// </summary>
internal static class ResidentPhoneApi
{
    public static void MapResidentPhoneApi(this IEndpointRouteBuilder endpoints)
    {
        var emulator = endpoints.MapGroup("/emulator").AllowAnonymous().DisableAntiforgery().WithTags("Twilio emulator");
        emulator.MapGet("/phone", ResidentPhonePage.Serve).ExcludeFromDescription();
        emulator.MapGet("/phones", (EmulatorStore store) => TypedResults.Ok(store.Phones.ToList())).WithSummary("Resident numbers with activity.");
        emulator.MapPost("/phones/{number}/sms", TextCommunityAsync).WithSummary("A resident texts the community number.");
        emulator.MapPost("/phones/{number}/call", CallCommunity).WithSummary("A resident calls the community number.");
        emulator.MapGet("/phones/{number}/messages", MessagesOf).WithSummary("Messages to and from a resident's phone.");
        emulator.MapGet("/phones/{number}/calls", CallsOf).WithSummary("Calls to and from a resident's phone, with transcripts.");
        emulator.MapGet("/phones/{number}/behaviour", (string number, EmulatorStore store) => TypedResults.Ok(store.BehaviourOf(number)));
        emulator.MapPut("/phones/{number}/behaviour", SetBehaviour).WithSummary("Scripts how a resident's phone behaves.");
        emulator.MapGet("/calls/{sid}/transcript", Transcript).WithSummary("What was said and pressed on a call.");
        emulator.MapPost("/calls/{sid}/answer", (string sid, EmulatorStore store) => Pickup(sid, store, answer: true));
        emulator.MapPost("/calls/{sid}/decline", (string sid, EmulatorStore store) => Pickup(sid, store, answer: false));
        emulator.MapPost("/calls/{sid}/reply", ReplyAsync).WithSummary("The resident on a live call speaks or presses keys.");
        emulator.MapPost("/calls/{sid}/hangup", Hangup);
        emulator.MapGet("/faults", (FaultInjector faults) => TypedResults.Ok(faults.Current));
        emulator.MapPut("/faults", SetFaults).WithSummary("Account-level fault injection (throttling, 5xx, duplicated and reordered callbacks).");
    }

    private static async Task<Results<Ok<PhoneMessage>, ValidationProblem>> TextCommunityAsync(
        string number,
        ResidentText text,
        EmulatorStore store,
        EmulatorWebhookClient webhooks,
        IOptionsMonitor<TwilioOptions> twilio,
        IOptionsMonitor<EmulatorOptions> emulator,
        TwilioWebhookUrls urls,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        if (Invalid(number, text.Body) is { } problem)
        {
            return problem;
        }

        var account = twilio.CurrentValue;
        var now = time.GetUtcNow();
        var segments = SmsSegments.Measure(text.Body).Segments;
        var message = new EmulatedMessage(TwilioSid.New("SM"), account.AccountSid, number, account.FromNumber, text.Body, "inbound", "received", segments, null, now, now, now);
        store.Add(message, number);
        var reply = await webhooks.PostAsync(emulator.CurrentValue.SmsUrl ?? urls.Absolute(TwilioWebhookUrls.SmsInboundPath), new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["AccountSid"] = account.AccountSid,
            ["ApiVersion"] = TwilioJson.ApiVersion,
            ["MessageSid"] = message.Sid,
            ["SmsMessageSid"] = message.Sid,
            ["SmsSid"] = message.Sid,
            ["SmsStatus"] = "received",
            ["From"] = number,
            ["To"] = account.FromNumber,
            ["Body"] = text.Body,
            ["NumMedia"] = "0",
            ["NumSegments"] = segments.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }, cancellationToken);
        return TypedResults.Ok(PhoneMessage.Of(message) with { WebhookStatus = reply.Status });
    }

    private static Results<Ok<PhoneCall>, ValidationProblem> CallCommunity(
        string number, EmulatorStore store, CallRunner runner, IOptionsMonitor<TwilioOptions> twilio, IOptionsMonitor<EmulatorOptions> emulator, TwilioWebhookUrls urls, TimeProvider time)
    {
        if (Invalid(number, "call") is { } problem)
        {
            return problem;
        }

        var account = twilio.CurrentValue;
        var call = new EmulatedCall
        {
            Sid = TwilioSid.New("CA"),
            AccountSid = account.AccountSid,
            From = number,
            To = account.FromNumber,
            Direction = "inbound",
            Url = emulator.CurrentValue.VoiceUrl ?? urls.Absolute(TwilioWebhookUrls.VoiceInboundPath),
            DateCreated = time.GetUtcNow(),
        };
        call.SetStatus("ringing", call.DateCreated);
        store.Add(call, number);
        runner.Start(call);
        return TypedResults.Ok(PhoneCall.Of(call));
    }

    private static Ok<List<PhoneMessage>> MessagesOf(string number, EmulatorStore store) =>
        TypedResults.Ok(store.MessagesOf(number).OrderBy(m => m.DateCreated).Select(PhoneMessage.Of).ToList());

    private static Ok<List<PhoneCall>> CallsOf(string number, EmulatorStore store) =>
        TypedResults.Ok(store.CallsOf(number).OrderBy(c => c.DateCreated).Select(PhoneCall.Of).ToList());

    private static Results<Ok<PhoneBehaviour>, ValidationProblem> SetBehaviour(string number, PhoneBehaviour behaviour, EmulatorStore store)
    {
        if (Invalid(number, "behaviour") is { } problem)
        {
            return problem;
        }

        store.SetBehaviour(number, behaviour);
        return TypedResults.Ok(behaviour);
    }

    private static Results<Ok<List<TranscriptLine>>, NotFound<ProblemDetails>> Transcript(string sid, EmulatorStore store) =>
        store.Call(sid) is { } call ? TypedResults.Ok(call.Transcript.ToList()) : CallNotFound(sid);

    private static Results<Ok<PhoneCall>, NotFound<ProblemDetails>> Pickup(string sid, EmulatorStore store, bool answer)
    {
        if (store.Call(sid) is not { } call)
        {
            return CallNotFound(sid);
        }

        call.Pickup.TrySetResult(answer);
        return TypedResults.Ok(PhoneCall.Of(call));
    }

    private static async Task<Results<Accepted, NotFound<ProblemDetails>, ValidationProblem>> ReplyAsync(string sid, PhoneReply reply, EmulatorStore store, CancellationToken cancellationToken)
    {
        if (store.Call(sid) is not { } call)
        {
            return CallNotFound(sid);
        }

        if (string.IsNullOrWhiteSpace(reply.Speech) && string.IsNullOrWhiteSpace(reply.Digits))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["speech"] = ["Give speech or digits."] });
        }

        await call.Replies.Writer.WriteAsync(reply, cancellationToken);
        return TypedResults.Accepted((string?)null);
    }

    private static Results<Ok<PhoneCall>, NotFound<ProblemDetails>> Hangup(string sid, EmulatorStore store)
    {
        if (store.Call(sid) is not { } call)
        {
            return CallNotFound(sid);
        }

        call.Pickup.TrySetResult(false);
        call.RequestHangup();
        return TypedResults.Ok(PhoneCall.Of(call));
    }

    private static Ok<EmulatorFaults> SetFaults(EmulatorFaults faults, FaultInjector injector)
    {
        injector.Current = faults;
        return TypedResults.Ok(faults);
    }

    private static ValidationProblem? Invalid(string number, string? body)
    {
        var errors = new Dictionary<string, string[]>();
        if (!EmulatorRestApi.E164().IsMatch(number))
        {
            errors["number"] = [$"'{number}' is not an E.164 phone number such as +8613800000001."];
        }

        if (string.IsNullOrWhiteSpace(body))
        {
            errors["body"] = ["The message body is empty."];
        }

        return errors.Count == 0 ? null : TypedResults.ValidationProblem(errors);
    }

    private static NotFound<ProblemDetails> CallNotFound(string sid) =>
        TypedResults.NotFound(new ProblemDetails { Title = "Unknown call", Detail = $"No emulated call has the SID '{sid}'.", Status = 404 });
}

/// <summary>A resident's SMS to the community number.</summary>
internal sealed record ResidentText(string Body);

/// <summary>A message as the resident's phone shows it.</summary>
internal sealed record PhoneMessage(string Sid, string Direction, string From, string To, string Body, string Status, int Segments, DateTimeOffset At, int? WebhookStatus = null)
{
    public static PhoneMessage Of(EmulatedMessage m) => new(m.Sid, m.Direction, m.From, m.To, m.Body, m.Status, m.Segments, m.DateCreated);
}

/// <summary>A call as the resident's phone shows it, with what was said so far.</summary>
internal sealed record PhoneCall(string Sid, string Direction, string From, string To, string Status, string? AnsweredBy, DateTimeOffset At, IReadOnlyList<TranscriptLine> Transcript)
{
    public static PhoneCall Of(EmulatedCall c) => new(c.Sid, c.Direction, c.From, c.To, c.Status, c.AnsweredBy, c.DateCreated, c.Transcript.ToList());
}
