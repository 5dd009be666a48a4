using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Outreach.Telephony.Webhooks;

/// <summary>Reads Twilio's form-encoded webhook parameters; a missing required one is a 400 naming it.</summary>
internal sealed class TwilioWebhookForm
{
    private readonly IFormCollection form;
    private readonly List<string> missing = [];

    private TwilioWebhookForm(IFormCollection form, string? reference)
    {
        this.form = form;
        Reference = reference;
    }

    /// <summary>Our delivery reference from the webhook URL's ?ref=.</summary>
    public string? Reference { get; }

    public static async Task<TwilioWebhookForm> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var form = request.HasFormContentType ? await request.ReadFormAsync(cancellationToken) : FormCollection.Empty;
        var reference = request.Query["ref"].ToString();
        return new TwilioWebhookForm(form, string.IsNullOrEmpty(reference) ? null : reference);
    }

    public string Required(string name)
    {
        var value = Optional(name);
        if (value is null)
        {
            missing.Add(name);
        }

        return value ?? string.Empty;
    }

    public string? Optional(string name)
    {
        var value = form[name].ToString();
        return string.IsNullOrEmpty(value) ? null : value;
    }

    public int? OptionalInt(string name) =>
        int.TryParse(Optional(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;

    /// <summary>A 400 naming every missing parameter, or null when all were present.</summary>
    public IResult? Problem() => missing.Count == 0
        ? null
        : TypedResults.ValidationProblem(
            missing.ToDictionary(name => name, name => new[] { $"The Twilio parameter '{name}' is required." }),
            title: "The webhook is missing Twilio parameters.");
}
