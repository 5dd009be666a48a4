using System.Buffers;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Twilio.Security;

namespace Outreach.Telephony.Webhooks;

/// <summary>
/// Checks an X-Twilio-Signature: HMAC-SHA1 under Twilio:AuthToken of the URL Twilio saw followed by each form
/// parameter's name and value, sorted by name. The SDK's <see cref="RequestValidator"/> first hashes exactly that and
/// only then tries the URL with its default port added or removed; the first hash is done here without allocating
/// (it is on every webhook), and any request it does not match goes to the SDK, so the verdict is always the SDK's.
/// </summary>
public sealed class TwilioSignatureCheck(IOptionsMonitor<TwilioOptions> options)
{
    private const int Sha1Length = 20;
    private const int Base64Sha1Length = 28;

    // One keyed HMAC per thread, reset after each use: a one-shot HMACSHA1.HashData sets the key up again every time,
    // which cost more than the hash itself.
    [ThreadStatic]
    private static KeyedHmac? hmac;

    public bool IsValid(string url, IFormCollection form, string? signature)
    {
        ArgumentException.ThrowIfNullOrEmpty(url);
        ArgumentNullException.ThrowIfNull(form);
        if (string.IsNullOrEmpty(signature))
        {
            return false;
        }

        var authToken = options.CurrentValue.AuthToken;
        return SignsExactly(HmacFor(authToken), url, form, signature)
            || new RequestValidator(authToken).Validate(url, form.ToDictionary(field => field.Key, field => field.Value.ToString(), StringComparer.Ordinal), signature);
    }

    private static bool SignsExactly(IncrementalHash keyedHmac, string url, IFormCollection form, string signature)
    {
        if (signature.Length != Base64Sha1Length)
        {
            return false;
        }

        var parameters = ArrayPool<KeyValuePair<string, string>>.Shared.Rent(form.Count);
        char[]? text = null;
        byte[]? utf8 = null;
        try
        {
            var count = 0;
            var length = url.Length;
            foreach (var (name, values) in form)
            {
                var value = values.ToString();
                parameters[count++] = new(name, value);
                length += name.Length + value.Length;
            }

            Array.Sort(parameters, 0, count, ByName.Instance);

            // Concatenated as text first and encoded once, exactly as the SDK does (a surrogate pair split between a
            // name and its value must encode as the pair, not as two replacement characters).
            text = ArrayPool<char>.Shared.Rent(length);
            url.CopyTo(text);
            var at = url.Length;
            for (var i = 0; i < count; i++)
            {
                var (name, value) = parameters[i];
                name.CopyTo(text.AsSpan(at));
                at += name.Length;
                value.CopyTo(text.AsSpan(at));
                at += value.Length;
            }

            utf8 = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(length));
            var encoded = Encoding.UTF8.GetBytes(text.AsSpan(0, length), utf8);
            Span<byte> hash = stackalloc byte[Sha1Length];

            keyedHmac.AppendData(utf8.AsSpan(0, encoded));
            keyedHmac.GetHashAndReset(hash);
            Span<char> expected = stackalloc char[Base64Sha1Length];
            Convert.TryToBase64Chars(hash, expected, out _);
            return CryptographicOperations.FixedTimeEquals(MemoryMarshal.AsBytes(expected), MemoryMarshal.AsBytes(signature.AsSpan()));
        }
        finally
        {
            ArrayPool<KeyValuePair<string, string>>.Shared.Return(parameters, clearArray: true);
            if (text is not null)
            {
                ArrayPool<char>.Shared.Return(text);
            }

            if (utf8 is not null)
            {
                ArrayPool<byte>.Shared.Return(utf8);
            }
        }
    }

    private static IncrementalHash HmacFor(string authToken)
    {
        // The token can change on a configuration reload; the key follows it.
        if (hmac is not { } current || !string.Equals(current.AuthToken, authToken, StringComparison.Ordinal))
        {
            hmac?.Hash.Dispose();

            // SHA-1 is what Twilio's signature protocol specifies; it is not our choice to make.
            current = new KeyedHmac(authToken, IncrementalHash.CreateHMAC(HashAlgorithmName.SHA1, Encoding.UTF8.GetBytes(authToken)));
            hmac = current;
        }

        return current.Hash;
    }

    private sealed record KeyedHmac(string AuthToken, IncrementalHash Hash);

    private sealed class ByName : IComparer<KeyValuePair<string, string>>
    {
        public static readonly ByName Instance = new();

        public int Compare(KeyValuePair<string, string> x, KeyValuePair<string, string> y) => string.CompareOrdinal(x.Key, y.Key);
    }
}
