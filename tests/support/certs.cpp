// Test certificates through OpenSSL's API (see certs.h): the openssl command cannot make a
// certificate that is already expired.
#include "support/certs.h"

#include <fstream>
#include <memory>
#include <stdexcept>

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509v3.h>

namespace shipcheck::test {
namespace {

using KeyPtr = std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)>;
using CertPtr = std::unique_ptr<X509, decltype(&X509_free)>;
using BioPtr = std::unique_ptr<BIO, decltype(&BIO_free)>;

void require(bool ok, const char* what) {
  if (!ok) {
    throw std::runtime_error(std::string("making a test certificate: ") + what);
  }
}

std::string bio_text(BIO* bio) {
  char* data = nullptr;
  const long size = BIO_get_mem_data(bio, &data);
  return std::string(data, static_cast<std::size_t>(size));
}

void add_extension(X509* cert, X509* issuer, int nid, const std::string& value) {
  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, issuer, cert, nullptr, nullptr, 0);
  X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value.c_str());
  require(ext != nullptr && X509_add_ext(cert, ext, -1) == 1, "extension");
  X509_EXTENSION_free(ext);
}

}  // namespace

KeyPair make_certificate(const CertSpec& spec, const KeyPair* issuer) {
  KeyPtr key(
      spec.rsa_bits > 0 ? EVP_RSA_gen(static_cast<unsigned>(spec.rsa_bits)) : EVP_EC_gen("P-256"),
      EVP_PKEY_free);
  require(key != nullptr, "key");
  CertPtr cert(X509_new(), X509_free);
  X509_set_version(cert.get(), 2);
  static long serial = 1000;
  ASN1_INTEGER_set(X509_get_serialNumber(cert.get()), ++serial);
  X509_gmtime_adj(X509_getm_notBefore(cert.get()), spec.valid_from_days * 86400L);
  X509_gmtime_adj(X509_getm_notAfter(cert.get()),
                  spec.valid_until_days * 86400L + spec.valid_until_adjust_s);
  X509_NAME* name = X509_get_subject_name(cert.get());
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                             reinterpret_cast<const unsigned char*>(spec.common_name.c_str()), -1,
                             -1, 0);
  X509_set_pubkey(cert.get(), key.get());

  CertPtr issuer_cert(nullptr, X509_free);
  KeyPtr issuer_key(nullptr, EVP_PKEY_free);
  if (issuer != nullptr) {
    BioPtr cert_bio(
        BIO_new_mem_buf(issuer->cert_pem.data(), static_cast<int>(issuer->cert_pem.size())),
        BIO_free);
    BioPtr key_bio(
        BIO_new_mem_buf(issuer->key_pem.data(), static_cast<int>(issuer->key_pem.size())),
        BIO_free);
    issuer_cert.reset(PEM_read_bio_X509(cert_bio.get(), nullptr, nullptr, nullptr));
    issuer_key.reset(PEM_read_bio_PrivateKey(key_bio.get(), nullptr, nullptr, nullptr));
    require(issuer_cert && issuer_key, "reading the issuer");
  }
  X509* signer_cert = issuer_cert ? issuer_cert.get() : cert.get();
  EVP_PKEY* signer_key = issuer_key ? issuer_key.get() : key.get();
  X509_set_issuer_name(cert.get(), X509_get_subject_name(signer_cert));
  add_extension(cert.get(), signer_cert, NID_basic_constraints,
                spec.is_ca ? "critical,CA:TRUE" : "critical,CA:FALSE");
  add_extension(cert.get(), signer_cert, NID_key_usage,
                spec.is_ca ? "critical,keyCertSign,cRLSign" : "critical,digitalSignature");
  add_extension(cert.get(), signer_cert, NID_subject_key_identifier, "hash");
  if (issuer != nullptr) {
    add_extension(cert.get(), signer_cert, NID_authority_key_identifier, "keyid");
  }
  if (!spec.dns_names.empty()) {
    std::string san;
    for (const auto& dns : spec.dns_names) {
      san += (san.empty() ? "DNS:" : ",DNS:") + dns;
    }
    add_extension(cert.get(), signer_cert, NID_subject_alt_name, san);
  }
  require(X509_sign(cert.get(), signer_key, EVP_get_digestbyname(spec.digest.c_str())) > 0,
          "signing");

  BioPtr cert_out(BIO_new(BIO_s_mem()), BIO_free);
  BioPtr key_out(BIO_new(BIO_s_mem()), BIO_free);
  PEM_write_bio_X509(cert_out.get(), cert.get());
  PEM_write_bio_PrivateKey(key_out.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr);
  return KeyPair{bio_text(cert_out.get()), bio_text(key_out.get())};
}

std::filesystem::path write_pem(const std::filesystem::path& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
  return path;
}

}  // namespace shipcheck::test
