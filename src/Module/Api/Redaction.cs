using System;
using System.Text.RegularExpressions;

namespace CapMonster.Api
{
    /// <summary>The one place that hides secrets in anything shown: debug bodies, -WhatIf text, error messages.</summary>
    internal static class Redaction
    {
        internal const string Mask = "***";
        private const int MinimumScrubLength = 6;

        // clientKey (with any __suffix, which is part of the value) and proxyPassword, in any letter case.
        private static readonly Regex SecretJsonValue = new(
            "(\"(?:clientKey|proxyPassword)\"\\s*:\\s*)\"(?:[^\"\\\\]|\\\\.)*\"",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled);

        /// <summary>The JSON text with the values of clientKey and proxyPassword replaced by ***.</summary>
        internal static string RedactJson(string json) => SecretJsonValue.Replace(json, "$1\"" + Mask + "\"");

        /// <summary>
        /// The text with every occurrence of the key, and of its base part before a __suffix, replaced by ***; for
        /// texts from outside (a server's description, a body snippet) that might echo the key back.
        /// </summary>
        internal static string Scrub(string text, ApiKey? key)
        {
            if (key is null || string.IsNullOrEmpty(text))
            {
                return text;
            }
            string secret = key.Reveal();
            if (secret.Length < MinimumScrubLength)
            {
                return text; // too short to be a real key; replacing it would only mangle the text
            }
            text = text.Replace(secret, Mask);
            int suffix = secret.IndexOf("__", StringComparison.Ordinal);
            return suffix > 0 ? text.Replace(secret.Substring(0, suffix), Mask) : text;
        }
    }
}
