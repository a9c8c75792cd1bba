plugins {
    kotlin("jvm") version "1.9.0"
}

val ktorVersion = "2.3.2"

dependencies {
    implementation("io.ktor:ktor-server-core:$ktorVersion")
    implementation(group = "com.squareup.okhttp3", name = "okhttp", version = "4.11.0")
    implementation(libs.kotlinx.coroutines.core)
    testImplementation(libs.bundles.testing)
    implementation(platform(libs.okhttp.bom))
    implementation(libs.not.there)
    kapt("com.google.dagger:dagger-compiler:[2.40,2.50)")
}
