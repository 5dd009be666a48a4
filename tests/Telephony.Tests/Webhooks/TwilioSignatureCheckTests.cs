using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using Outreach.Telephony.Emulator;
using Outreach.Telephony.Tests.Hosting;
using Outreach.Telephony.Webhooks;
using Twilio.Security;

namespace Outreach.Telephony.Tests.Webhooks;

/// <summary>The check hashes the common case itself; its verdict must be the SDK's RequestValidator's on every input.</summary>
public sealed class TwilioSignatureCheckTests
{
    private const string AuthToken = "12345";

    private static readonly Dictionary<string, string> Published = new()
    {
        ["CallSid"] = "CA1234567890ABCDE",
        ["Caller"] = "+14158675309",
        ["Digits"] = "1234",
        ["From"] = "+14158675309",
        ["To"] = "+18005551212",
    };

    private readonly TwilioSignatureCheck check = new(new FixedOptionsMonitor(new TwilioOptions { AuthToken = AuthToken }));

    [Fact]
    public void Published_vector_is_valid()
    {
        Assert.True(check.IsValid("https://mycompany.com/myapp.php?foo=1&bar=2", Form(Published), "RSOYDt4T1cUTdK1PDd93/VVr8B8="));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("RSOYDt4T1cUTdK1PDd93/VVr8B8")]
    [InlineData("rSOYDt4T1cUTdK1PDd93/VVr8B8=")]
    [InlineData("RSOYDt4T1cUTdK1PDd93/VVr8B8=RSOYDt4T1cUTdK1PDd93/VVr8B8=")]
    public void Missing_truncated_or_altered_signature_is_invalid(string? signature)
    {
        Assert.False(check.IsValid("https://mycompany.com/myapp.php?foo=1&bar=2", Form(Published), signature));
    }

    [Fact]
    public void A_changed_parameter_or_query_is_invalid()
    {
        var changed = new Dictionary<string, string>(Published) { ["Digits"] = "1235" };

        Assert.False(check.IsValid("https://mycompany.com/myapp.php?foo=1&bar=2", Form(changed), "RSOYDt4T1cUTdK1PDd93/VVr8B8="));
        Assert.False(check.IsValid("https://mycompany.com/myapp.php?foo=1&bar=3", Form(Published), "RSOYDt4T1cUTdK1PDd93/VVr8B8="));
    }

    [Theory]
    [InlineData("https://mycompany.com:443/myapp.php?foo=1&bar=2", "https://mycompany.com/myapp.php?foo=1&bar=2")]
    [InlineData("https://mycompany.com/myapp.php?foo=1&bar=2", "https://mycompany.com:443/myapp.php?foo=1&bar=2")]
    [InlineData("http://localhost:5080/twilio/voice/gather?ref=d-1", "http://localhost/twilio/voice/gather?ref=d-1")]
    public void Signature_over_the_url_with_or_without_its_port_is_the_sdks_verdict(string url, string signedUrl)
    {
        var signature = TwilioSignature.Compute(AuthToken, signedUrl, Published);

        Assert.Equal(new RequestValidator(AuthToken).Validate(url, Published, signature), check.IsValid(url, Form(Published), signature));
    }

    [Fact]
    public void No_parameters_signs_the_url_alone()
    {
        const string url = "wss://outreach.example.com/twilio/voice/relay?callSid=CA1";

        Assert.True(check.IsValid(url, FormCollection.Empty, TwilioSignature.Compute(AuthToken, url, [])));
        Assert.False(check.IsValid(url, FormCollection.Empty, TwilioSignature.Compute("another-token", url, [])));
    }

    [Fact]
    public void A_repeated_parameter_is_signed_as_its_joined_values_as_before()
    {
        var form = new FormCollection(new Dictionary<string, StringValues> { ["Digits"] = new(["1", "2"]), ["CallSid"] = "CA1" });
        var joined = new Dictionary<string, string> { ["Digits"] = "1,2", ["CallSid"] = "CA1" };
        const string url = "https://outreach.example.com/twilio/voice/gather";

        Assert.True(check.IsValid(url, form, TwilioSignature.Compute(AuthToken, url, joined)));
    }

    [Fact]
    public void Names_that_sort_differently_by_culture_or_case_are_sorted_ordinally()
    {
        var parameters = new Dictionary<string, string> { ["b"] = "1", ["B"] = "2", ["a"] = "3", ["Ä"] = "4", ["_"] = "5", ["Z"] = "6" };
        const string url = "https://outreach.example.com/twilio/sms/inbound";
        var signature = TwilioSignature.Compute(AuthToken, url, parameters);
        var form = new FormCollection(parameters.ToDictionary(p => p.Key, p => new StringValues(p.Value), StringComparer.Ordinal));

        Assert.True(new RequestValidator(AuthToken).Validate(url, parameters, signature));
        Assert.True(check.IsValid(url, form, signature));
    }

    [Fact]
    public void Chinese_text_emoji_and_a_surrogate_pair_split_between_name_and_value_hash_as_the_sdk_does()
    {
        var parameters = new Dictionary<string, string>
        {
            ["Body"] = "在哪里？🙂 退订",
            ["Split\uD83D"] = "\uDE42 rest",
            ["Empty"] = string.Empty,
        };
        const string url = "https://outreach.example.com/twilio/sms/inbound?ref=%E4%BD%A0";
        var signature = TwilioSignature.Compute(AuthToken, url, parameters);
        var form = Form(parameters);

        Assert.Equal(new RequestValidator(AuthToken).Validate(url, parameters, signature), check.IsValid(url, form, signature));
        Assert.True(check.IsValid(url, form, signature));
    }

    [Fact]
    public void Random_webhooks_get_the_sdks_verdict()
    {
        var random = new Random(5);
        for (var i = 0; i < 300; i++)
        {
            var parameters = Enumerable.Range(0, random.Next(0, 8)).ToDictionary(n => $"{Text(random, 1, 6)}{n}", _ => Text(random, 0, 12), StringComparer.Ordinal);
            var url = $"https://outreach.example.com{(random.Next(2) == 0 ? ":443" : string.Empty)}/twilio/voice/gather?ref={Uri.EscapeDataString(Text(random, 0, 8))}";
            var signedUrl = random.Next(3) switch
            {
                0 => url,
                1 => url.Replace(":443", string.Empty, StringComparison.Ordinal),
                _ => url + "x",
            };
            var signature = TwilioSignature.Compute(random.Next(4) == 0 ? "other" : AuthToken, signedUrl, parameters);

            Assert.Equal(new RequestValidator(AuthToken).Validate(url, parameters, signature), check.IsValid(url, Form(parameters), signature));
        }
    }

    [Fact]
    public void A_new_auth_token_takes_effect_at_once()
    {
        var options = new TwilioOptions { AuthToken = AuthToken };
        var reloading = new TwilioSignatureCheck(new FixedOptionsMonitor(options));
        const string url = "https://mycompany.com/myapp.php?foo=1&bar=2";
        Assert.True(reloading.IsValid(url, Form(Published), "RSOYDt4T1cUTdK1PDd93/VVr8B8="));

        options.AuthToken = "rotated";

        Assert.False(reloading.IsValid(url, Form(Published), "RSOYDt4T1cUTdK1PDd93/VVr8B8="));
        Assert.True(reloading.IsValid(url, Form(Published), TwilioSignature.Compute("rotated", url, Published)));
    }

    private static FormCollection Form(Dictionary<string, string> parameters) =>
        new(parameters.ToDictionary(p => p.Key, p => new StringValues(p.Value), StringComparer.OrdinalIgnoreCase));

    private static string Text(Random random, int min, int max)
    {
        string[] alphabet = ["a", "A", "b", "Z", "z", "0", "9", "_", "-", "+", ".", " ", "&", "=", "?", "%", "在", "哪", "退订", "🙂", "é"];
        return string.Concat(Enumerable.Range(0, random.Next(min, max)).Select(_ => alphabet[random.Next(alphabet.Length)]));
    }
}
