#version 330 core
// String 0 of every fragment stage: the GLSL version must come first.
#extension GL_ARB_derivative_control : enable
