using System.Text.Json.Nodes;

namespace Outreach.Telephony.Tests.Conformance;

/// <summary>
/// A copy of Twilio's OpenAPI description with two corrections, each making the description agree with what
/// Twilio itself does, and nothing relaxed beyond that:
/// 1. Form bodies' array properties get the OpenAPI default encoding (style form, explode) spelled out:
///    Prism keeps only one of repeated keys unless told, so StatusCallbackEvent=a&amp;StatusCallbackEvent=b
///    (how Twilio's SDKs send arrays) would otherwise read as a string.
/// 2. List pages' uri, first_page_uri, next_page_uri and previous_page_uri are relative references (Twilio's
///    own examples and responses are "/2010-04-01/..."), not absolute URIs as format "uri" demands.
/// </summary>
internal static class TwilioSpecCorrections
{
    private static readonly string[] PageUriProperties = ["uri", "first_page_uri", "next_page_uri", "previous_page_uri"];

    public static string Write(string specPath, string folder)
    {
        var spec = JsonNode.Parse(File.ReadAllText(specPath))!;
        foreach (var (_, pathItem) in spec["paths"]!.AsObject())
        {
            foreach (var (_, operation) in pathItem!.AsObject())
            {
                if (operation is JsonObject op)
                {
                    SpellOutFormArrayEncoding(op);
                    AllowRelativePageUris(op);
                }
            }
        }

        Directory.CreateDirectory(folder);
        var corrected = Path.Combine(folder, "twilio_api_v2010.conformance.json");
        File.WriteAllText(corrected, spec.ToJsonString());
        return corrected;
    }

    private static void SpellOutFormArrayEncoding(JsonObject operation)
    {
        if (operation["requestBody"]?["content"]?["application/x-www-form-urlencoded"] is not JsonObject form
            || form["schema"]?["properties"] is not JsonObject properties)
        {
            return;
        }

        var encoding = form["encoding"] as JsonObject ?? new JsonObject();
        foreach (var (name, property) in properties)
        {
            if (property?["type"]?.GetValue<string>() == "array" && !encoding.ContainsKey(name))
            {
                encoding[name] = new JsonObject { ["style"] = "form", ["explode"] = true };
            }
        }

        form["encoding"] = encoding;
    }

    private static void AllowRelativePageUris(JsonObject operation)
    {
        if (operation["responses"] is not JsonObject responses)
        {
            return;
        }

        foreach (var (_, response) in responses)
        {
            if (response?["content"]?["application/json"]?["schema"]?["properties"] is JsonObject properties && properties.ContainsKey("first_page_uri"))
            {
                foreach (var name in PageUriProperties)
                {
                    if (properties[name] is JsonObject property && property["format"]?.GetValue<string>() == "uri")
                    {
                        property["format"] = "uri-reference";
                    }
                }
            }
        }
    }
}
